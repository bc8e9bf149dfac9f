import type { Socket } from 'node:net'
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { PoolManager, ProtocolError } from '../src/index.js'

/** The first socket answers one request, then drops the next one silently (a server-side idle close race). */
async function staleServer() {
  const served = new WeakMap<Socket, number>()
  let first: Socket | undefined
  return startRawServer((socket) => {
    first ??= socket
    const count = (served.get(socket) ?? 0) + 1
    served.set(socket, count)
    if (socket === first && count === 2) {
      socket.destroy()
      return
    }
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok')
  })
}

describe('stale keep-alive connections', () => {
  test('an idempotent request the origin may have received is not resent with retries: false (issue 12)', async () => {
    await using s = await staleServer()
    await using pm = new PoolManager({ maxSize: 1, retries: false })
    expect((await pm.request('GET', `${s.url}/one`)).text()).toBe('ok')
    const error = await pm.request('GET', `${s.url}/two`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect(s.requests).toBe(2)
    expect((await pm.request('GET', `${s.url}/three`)).text()).toBe('ok') // on a new connection
    expect(s.connections).toBe(2)
  })

  test("with resendStale: 'idempotent' it is resent once on a fresh connection, uncounted", async () => {
    await using s = await staleServer()
    await using pm = new PoolManager({ maxSize: 1, retries: false, resendStale: 'idempotent' })
    expect((await pm.request('GET', `${s.url}/one`)).text()).toBe('ok')
    expect((await pm.request('GET', `${s.url}/two`)).text()).toBe('ok')
    expect(s.connections).toBe(2)
    expect(s.requests).toBe(3)
  })

  test('POST is never silently resent', async () => {
    await using s = await staleServer()
    await using pm = new PoolManager({ maxSize: 1, retries: false })
    expect((await pm.request('GET', `${s.url}/one`)).text()).toBe('ok')
    const error = await pm.request('POST', `${s.url}/two`, { body: 'payload' }).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect(s.requests).toBe(2)
  })
})
