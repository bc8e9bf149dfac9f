// Regression: a streamed response kept its 'abort' listener on the request's signal forever, so a long-lived
// AbortSignal shared by many requests collected one listener per request. The listener must go once the body
// transfer is over (read to the end, failed, released or closed), and stay while the body is still guarded.
import { getEventListeners } from 'node:events'
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { IncompleteRead, PoolManager } from '../src/index.js'

type Raw = Awaited<ReturnType<typeof startRawServer>>

async function serve(response: string, end = false): Promise<Raw> {
  return startRawServer((socket) => {
    if (end) socket.end(response)
    else socket.write(response)
  })
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length

describe('a shared AbortSignal does not collect listeners', () => {
  test('preloaded requests', async () => {
    await using server = await serve(OK)
    await using pm = new PoolManager()
    const { signal } = new AbortController()
    for (let i = 0; i < 50; i++) await pm.request('GET', `${server.url}/`, { signal })
    expect(listeners(signal)).toBe(0)
  })

  test('streamed responses read to the end (read() and stream())', async () => {
    await using server = await serve(OK)
    await using pm = new PoolManager()
    const { signal } = new AbortController()
    for (let i = 0; i < 50; i++) {
      const resp = await pm.request('GET', `${server.url}/`, { signal, preloadContent: false })
      if (i % 2 === 0) await resp.read()
      else for await (const _ of resp.stream());
    }
    expect(listeners(signal)).toBe(0)
  })

  test('streamed responses released or closed unread', async () => {
    await using server = await serve('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial')
    await using pm = new PoolManager()
    const { signal } = new AbortController()
    for (let i = 0; i < 20; i++) {
      const resp = await pm.request('GET', `${server.url}/`, { signal, preloadContent: false })
      if (i % 2 === 0) resp.releaseConn()
      else resp.close()
    }
    expect(listeners(signal)).toBe(0)
  })

  test('streamed responses whose body fails', async () => {
    await using server = await serve('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial', true)
    await using pm = new PoolManager({ retries: false })
    const { signal } = new AbortController()
    for (let i = 0; i < 10; i++) {
      const resp = await pm.request('GET', `${server.url}/`, { signal, preloadContent: false })
      await expect(resp.read()).rejects.toBeInstanceOf(IncompleteRead)
    }
    expect(listeners(signal)).toBe(0)
  })

  test('failed requests', async () => {
    await using server = await serve('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial', true)
    await using pm = new PoolManager({ retries: false })
    const { signal } = new AbortController()
    for (let i = 0; i < 10; i++) {
      await expect(pm.request('GET', `${server.url}/`, { signal })).rejects.toBeInstanceOf(IncompleteRead)
    }
    expect(listeners(signal)).toBe(0)
  })

  test('while a streamed body is still being read, the signal still aborts it', async () => {
    await using server = await serve('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial')
    await using pm = new PoolManager()
    const controller = new AbortController()
    const resp = await pm.request('GET', `${server.url}/`, {
      signal: controller.signal,
      preloadContent: false,
    })
    expect(listeners(controller.signal)).toBe(1)
    expect(Buffer.from(await resp.read(7)).toString()).toBe('partial')
    const reason = new Error('stop')
    controller.abort(reason)
    await expect(resp.read()).rejects.toBe(reason)
    expect(listeners(controller.signal)).toBe(0)
  })
})
