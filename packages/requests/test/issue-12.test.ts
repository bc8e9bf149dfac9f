import { startRawServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import { ChunkedEncodingError, HTTPAdapter, Session } from '../src/index.js'

// Issue 12: a close-delimited body cut by a TCP reset is ChunkedEncodingError (requests' mapping of urllib3's
// ProtocolError while reading the body), never a complete 200.

type Raw = Awaited<ReturnType<typeof startRawServer>>

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

function resetting(bytes: string): Promise<Raw> {
  return startRawServer((socket) => {
    socket.write(bytes)
    void settle().then(() => socket.resetAndDestroy())
  })
}

describe('close-delimited body cut by a reset', () => {
  it('read eagerly: ChunkedEncodingError', async () => {
    await using server = await resetting('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npartial bo')
    await using s = new Session()
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChunkedEncodingError)
    expect((error as Error).cause).toMatchObject({ code: 'ERR_POOL_PROTOCOL' })
  })

  it('streamed: iterContent rejects with ChunkedEncodingError', async () => {
    await using server = await resetting('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npartial bo')
    await using s = new Session()
    const r = await s.get(`${server.url}/`, { stream: true })
    expect(r.statusCode).toBe(200)
    const error = await (async () => {
      for await (const _ of r.iterContent()) {
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChunkedEncodingError)
  })

  it('head then reset: ChunkedEncodingError, not an empty 200', async () => {
    await using server = await resetting('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n')
    await using s = new Session()
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChunkedEncodingError)
  })

  it('the body is read after the response, as in requests: not retried even with maxRetries', async () => {
    await using server = await resetting('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npartial')
    await using s = new Session()
    s.mount('http://', new HTTPAdapter({ maxRetries: 2 }))
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChunkedEncodingError)
    expect(server.requests).toBe(1) // the body is read by the adapter, after the pool returned the response
  })
})
