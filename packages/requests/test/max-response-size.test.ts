// Regression: @x/requests had no maxResponseSize, so a preloaded response or a compression bomb was decoded up
// to the pool's default of 1 GiB in memory. Preloaded bodies are now limited to 64 MiB by default (session and
// per-request `maxResponseSize`), and the pool's ResponseTooLargeError is translated, kept as `cause`.
import { gzipSync } from 'node:zlib'
import { startRawServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import {
  ConnectionError,
  ContentDecodingError,
  DEFAULT_MAX_RESPONSE_SIZE,
  HTTPAdapter,
  PreparedRequest,
  Session,
} from '../src/index.js'

const MiB = 1024 * 1024
type Raw = Awaited<ReturnType<typeof startRawServer>>
function serve(head: string, body: Buffer | string = ''): Promise<Raw> {
  // The socket stays open, as a keep-alive server's would.
  return startRawServer((socket) => {
    socket.write(head)
    if (body.length > 0) socket.write(body)
  })
}

const sized = (n: number) => serve(`HTTP/1.1 200 OK\r\nContent-Length: ${n}\r\n\r\n`, Buffer.alloc(n, 97))
const causeCode = (e: unknown) => ((e as Error).cause as { code?: string } | undefined)?.code

describe('maxResponseSize', () => {
  it('defaults to 64 MiB for preloaded bodies: a larger declared Content-Length fails typed', async () => {
    expect(DEFAULT_MAX_RESPONSE_SIZE).toBe(64 * MiB)
    await using server = await serve(`HTTP/1.1 200 OK\r\nContent-Length: ${64 * MiB + 1}\r\n\r\n`, 'abc')
    await using s = new Session({ trustEnv: false })
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(causeCode(error)).toBe('ERR_POOL_RESPONSE_TOO_LARGE')
  })

  it('a gzip bomb past the default stops with ContentDecodingError', async () => {
    const bomb = gzipSync(Buffer.alloc(65 * MiB), { level: 9 })
    await using server = await serve(
      `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`,
      bomb,
    )
    await using s = new Session({ trustEnv: false })
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentDecodingError)
    expect(causeCode(error)).toBe('ERR_POOL_RESPONSE_TOO_LARGE')
    expect((error as ContentDecodingError).request?.url).toBe(`${server.url}/`)
  })

  it('the session option limits raw bodies without Content-Length; the socket is not reused', async () => {
    await using server = await serve(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
      '800\r\n'.concat('a'.repeat(2048), '\r\n0\r\n\r\n'),
    )
    await using s = new Session({ trustEnv: false, maxResponseSize: 1024 })
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(causeCode(error)).toBe('ERR_POOL_RESPONSE_TOO_LARGE')
    expect((error as Error).message).toMatch(/1024/)
    expect((await s.get(`${server.url}/`, { maxResponseSize: 4096 })).content.byteLength).toBe(2048)
    expect(server.connections).toBe(2)
  })

  it('a per-request value overrides the session one; null lifts our limit', async () => {
    await using server = await sized(2048)
    await using s = new Session({ trustEnv: false, maxResponseSize: 1024 })
    await expect(s.get(`${server.url}/`)).rejects.toBeInstanceOf(ConnectionError)
    expect((await s.get(`${server.url}/`, { maxResponseSize: null })).content.byteLength).toBe(2048)
    expect((await s.get(`${server.url}/`, { maxResponseSize: 2048 })).content.byteLength).toBe(2048)
    await expect(s.get(`${server.url}/`, { maxResponseSize: 2047 })).rejects.toBeInstanceOf(ConnectionError)
  })

  it('a compressed body is measured decoded: ContentDecodingError past the limit', async () => {
    const body = gzipSync(Buffer.alloc(8192, 97))
    await using server = await serve(
      `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    )
    await using s = new Session({ trustEnv: false })
    await expect(s.get(`${server.url}/`, { maxResponseSize: 4096 })).rejects.toBeInstanceOf(
      ContentDecodingError,
    )
    expect((await s.get(`${server.url}/`, { maxResponseSize: 8192 })).text).toBe('a'.repeat(8192))
  })

  it('stream: true has no default limit, but honours an explicit one while iterating', async () => {
    await using server = await serve(`HTTP/1.1 200 OK\r\nContent-Length: ${64 * MiB + 1}\r\n\r\n`, 'abc')
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${server.url}/`, { stream: true })
    expect(r.statusCode).toBe(200)
    r.close()
    // A declared Content-Length over the limit fails before the response; a chunked body while iterating.
    await using declared = await sized(4096)
    await expect(s.get(`${declared.url}/`, { stream: true, maxResponseSize: 1024 })).rejects.toBeInstanceOf(
      ConnectionError,
    )
    await using chunked = await serve(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
      `1000\r\n${'a'.repeat(4096)}\r\n0\r\n\r\n`,
    )
    const streamed = await s.get(`${chunked.url}/`, { stream: true, maxResponseSize: 1024 })
    const error = await (async () => {
      for await (const _ of streamed.iterContent()) {
        // read until the limit
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(causeCode(error)).toBe('ERR_POOL_RESPONSE_TOO_LARGE')
  })

  it('HEAD is not limited by the Content-Length of the body it never gets', async () => {
    await using server = await serve(`HTTP/1.1 200 OK\r\nContent-Length: ${100 * MiB}\r\n\r\n`)
    await using s = new Session({ trustEnv: false })
    const r = await s.head(`${server.url}/`)
    expect(r.statusCode).toBe(200)
    expect(r.headers.get('content-length')).toBe(String(100 * MiB))
  })

  it('the adapter applies the default when used directly', async () => {
    await using server = await serve(`HTTP/1.1 200 OK\r\nContent-Length: ${64 * MiB + 1}\r\n\r\n`, 'abc')
    const adapter = new HTTPAdapter()
    const p = await new PreparedRequest().prepare({ method: 'GET', url: `${server.url}/` })
    await expect(adapter.send(p)).rejects.toBeInstanceOf(ConnectionError)
    await adapter.close()
  })

  it('invalid values are coded TypeErrors', async () => {
    expect(() => new Session({ maxResponseSize: -1 })).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARG_VALUE',
        message: expect.stringMatching(/maxResponseSize/),
      }),
    )
    expect(() => new Session({ maxResponseSize: 1.5 })).toThrow(TypeError)
    await using s = new Session({ trustEnv: false })
    await expect(
      s.get('http://127.0.0.1:1/', { maxResponseSize: '1' as unknown as number }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
  })
})
