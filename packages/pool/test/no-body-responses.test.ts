import { startRawServer } from '@x/testserver'
import { serverTest, until } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { PoolManager, ResponseTooLargeError } from '../src/index.js'

// Responses to HEAD, 204, 304 and 1xx have no content whatever their Content-Length says (RFC 9110 section
// 6.4.1): the header describes another response (the file a HEAD asks about, the cached copy a 304 validates).

const TEN_GIB = String(10 * 1024 ** 3)
const responses: Record<string, string> = {
  'HEAD /file': `HTTP/1.1 200 OK\r\nContent-Length: ${TEN_GIB}\r\nContent-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n`,
  'GET /cached': `HTTP/1.1 304 Not Modified\r\nContent-Length: ${TEN_GIB}\r\nETag: "v1"\r\n\r\n`,
  'GET /no-content': 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n',
  'GET /hints':
    `HTTP/1.1 103 Early Hints\r\nContent-Length: ${TEN_GIB}\r\nLink: </a.css>\r\n\r\n` +
    'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  'GET /file': `HTTP/1.1 200 OK\r\nContent-Length: ${TEN_GIB}\r\n\r\n`,
  ...Object.fromEntries(
    ['gzip', 'deflate', 'br', 'zstd'].map((enc) => [
      `GET /empty-${enc}`,
      `HTTP/1.1 200 OK\r\nContent-Encoding: ${enc}\r\nContent-Length: 0\r\n\r\n`,
    ]),
  ),
}

// Each response is written and the socket left open: a client that waited for a body would wait forever.
const test = serverTest(() =>
  startRawServer((socket, request) => {
    socket.write(
      responses[`${request.method} ${request.path}`] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n',
    )
  }),
)

// A read timeout turns "waits for a body that never comes" into a failure rather than a hung test.
const options = { maxResponseSize: 4, retries: false, timeout: { read: 5_000 } } as const

describe('responses without content', () => {
  test.for([true, false])(
    'HEAD for a 10 GiB file (preloadContent: %s): no size error, no wait',
    async (preload, { server: raw }) => {
      await using pm = new PoolManager(options)
      const before = raw.connections
      for (let i = 0; i < 2; i++) {
        const resp = await pm.request('HEAD', `${raw.url}/file`, { preloadContent: preload })
        expect(resp.status).toBe(200)
        expect(resp.headers.get('content-length')).toBe(TEN_GIB)
        const chunks: Uint8Array[] = []
        for await (const chunk of resp.stream()) chunks.push(chunk)
        expect(chunks.every((c) => c.length === 0)).toBe(true)
        expect(resp.data.length).toBe(0)
        resp.releaseConn()
      }
      // No body was expected or read: the keep-alive socket served both.
      expect(raw.connections - before).toBe(1)
    },
  )

  test('304 with the Content-Length of a large cached file', async ({ server: raw }) => {
    await using pm = new PoolManager(options)
    const resp = await pm.request('GET', `${raw.url}/cached`, { headers: { 'If-None-Match': '"v1"' } })
    expect(resp.status).toBe(304)
    expect(resp.data.length).toBe(0)
    expect(resp.headers.get('content-length')).toBe(TEN_GIB)
  })

  test('204 with a stray Content-Length: empty, and the next request still works', async ({
    server: raw,
  }) => {
    await using pm = new PoolManager(options)
    for (let i = 0; i < 2; i++) {
      const resp = await pm.request('GET', `${raw.url}/no-content`, { preloadContent: i === 0 })
      expect(resp.status).toBe(204)
      expect((await resp.read()).length).toBe(0)
    }
  })

  test('a 1xx Content-Length does not count against the final response', async ({ server: raw }) => {
    await using pm = new PoolManager(options)
    const resp = await pm.request('GET', `${raw.url}/hints`)
    expect(resp.status).toBe(200)
    expect(resp.text()).toBe('ok')
  })

  test.for(['gzip', 'deflate', 'br', 'zstd'])(
    'an empty body with Content-Encoding: %s is empty',
    async (enc, { server: raw }) => {
      await using pm = new PoolManager(options)
      const preloaded = await pm.request('GET', `${raw.url}/empty-${enc}`)
      expect(preloaded.data.length).toBe(0)
      const streamed = await pm.request('GET', `${raw.url}/empty-${enc}`, { preloadContent: false })
      expect((await streamed.read()).length).toBe(0)
    },
  )

  test('a GET with that Content-Length still fails fast with ResponseTooLargeError', async ({
    server: raw,
  }) => {
    await using pm = new PoolManager(options)
    await expect(pm.request('GET', `${raw.url}/file`)).rejects.toBeInstanceOf(ResponseTooLargeError)
    await until(() => pm.stats()[raw.url]?.running === 0)
    expect(pm.stats()[raw.url]).toMatchObject({ running: 0, pending: 0, queued: 0 })
  })
})
