import type { Socket } from 'node:net'
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { MaxRetryError, PoolManager, ProtocolError, Retry } from '../src/index.js'

// Issue 12 item 2: a request the origin may have received is never resent behind the retry budget's back.

type Raw = Awaited<ReturnType<typeof startRawServer>>

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

/** A server that answers the first request on a connection, then reads the next one fully and drops it. */
async function dropAfterRead(): Promise<Raw & { seen: string[] }> {
  const served = new WeakMap<Socket, number>()
  const seen: string[] = []
  const server = await startRawServer((socket, request) => {
    seen.push(`${request.method} ${request.path}`)
    const count = (served.get(socket) ?? 0) + 1
    served.set(socket, count)
    if (count === 2) {
      socket.destroy()
      return
    }
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok')
  })
  return Object.assign(server, { seen })
}

describe('a reused connection dropped after the origin read the request', () => {
  test('PUT with retries: false reaches the origin once and fails with ProtocolError', async () => {
    await using server = await dropAfterRead()
    await using pm = new PoolManager({ maxSize: 1, retries: false })
    expect((await pm.request('GET', `${server.url}/warm`)).text()).toBe('ok')
    const error = await pm.request('PUT', `${server.url}/put`, { body: 'payload' }).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect(server.seen.filter((s) => s === 'PUT /put')).toHaveLength(1)
  })

  test('GET with Retry({ total: 0 }): MaxRetryError, sent once', async () => {
    await using server = await dropAfterRead()
    await using pm = new PoolManager({ maxSize: 1, retries: new Retry({ total: 0 }) })
    expect((await pm.request('GET', `${server.url}/warm`)).text()).toBe('ok')
    const error = await pm.request('GET', `${server.url}/get`).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect(server.seen.filter((s) => s === 'GET /get')).toHaveLength(1)
  })

  test('with retries left, the resend is counted in resp.retries', async () => {
    await using server = await dropAfterRead()
    await using pm = new PoolManager({ maxSize: 1, retries: 2 })
    expect((await pm.request('GET', `${server.url}/warm`)).text()).toBe('ok')
    const resp = await pm.request('PUT', `${server.url}/put`, { body: 'x' })
    expect(resp.text()).toBe('ok')
    expect(resp.retries?.history).toHaveLength(1)
    expect(server.seen.filter((s) => s === 'PUT /put')).toHaveLength(2)
  })

  test("resendStale: 'idempotent' restores the uncounted resend of idempotent requests", async () => {
    await using server = await dropAfterRead()
    await using pm = new PoolManager({ maxSize: 1, retries: false, resendStale: 'idempotent' })
    expect((await pm.request('GET', `${server.url}/warm`)).text()).toBe('ok')
    expect((await pm.request('PUT', `${server.url}/put`, { body: 'x' })).text()).toBe('ok')
    expect(server.seen.filter((s) => s === 'PUT /put')).toHaveLength(2)
    // never a POST, and a per-request setting wins
    expect((await pm.request('GET', `${server.url}/warm2`)).text()).toBe('ok')
    const post = await pm.request('POST', `${server.url}/post`, { body: 'x' }).catch((e) => e)
    expect(post).toBeInstanceOf(ProtocolError)
    expect((await pm.request('GET', `${server.url}/warm3`)).text()).toBe('ok')
    const put = await pm
      .request('PUT', `${server.url}/put2`, { body: 'x', resendStale: 'unsent' })
      .catch((e) => e)
    expect(put).toBeInstanceOf(ProtocolError)
    expect(server.seen.filter((s) => s === 'POST /post' || s === 'PUT /put2')).toHaveLength(2)
  })

  test('a connection the server closed while idle is found closed before writing: resent transparently', async () => {
    // The server closes each keep-alive connection (FIN) right after its response; the next request finds it
    // closed before writing a byte on it and goes out once on a new connection, even with retries: false.
    await using server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok')
      void settle().then(() => socket.end())
    })
    await using pm = new PoolManager({ maxSize: 1, retries: false })
    for (let i = 0; i < 3; i++) {
      expect((await pm.request('PUT', `${server.url}/put`, { body: 'x' })).text()).toBe('ok')
      await settle()
    }
    expect(server.requests).toBe(3)
    expect(server.connections).toBe(3)
  })
})

test('resendStale is validated', async () => {
  expect(() => new PoolManager({ resendStale: 'always' as never })).toThrow(/options.resendStale/)
  await using pm = new PoolManager()
  await expect(pm.request('GET', 'http://127.0.0.1:1/', { resendStale: 'x' as never })).rejects.toThrow(
    /options.resendStale/,
  )
})
