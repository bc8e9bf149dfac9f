import { startHttpServer } from '@x/testserver'
import zlib from 'node:zlib'
import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { DecodeError, PoolManager, ResponseTooLargeError } from '../src/index.js'

const text = 'hello, compressed world! '.repeat(200)
const encoders: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  deflate: (b) => zlib.deflateSync(b),
  'deflate-raw': (b) => zlib.deflateRawSync(b),
  br: (b) => zlib.brotliCompressSync(b),
  zstd: (b) => zlib.zstdCompressSync(b),
}

const test = serverTest(() =>
  startHttpServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    const codings = (url.searchParams.get('enc') ?? '').split(',').filter(Boolean)
    let body: Buffer = Buffer.from(
      url.searchParams.has('bomb') ? '\0'.repeat(Number(url.searchParams.get('bomb'))) : text,
    )
    for (const c of codings) body = encoders[c]!(body)
    if (url.searchParams.has('corrupt'))
      body = Buffer.concat([body.subarray(0, 10), Buffer.from('garbage!!'), body.subarray(10)])
    const header = codings.map((c) => (c === 'deflate-raw' ? 'deflate' : c)).join(', ')
    res.writeHead(200, {
      'content-encoding': url.searchParams.get('header') ?? header,
      'content-length': body.length,
    })
    res.end(body)
  }),
)

describe('content decoding', () => {
  test.for(['gzip', 'deflate', 'deflate-raw', 'br', 'zstd'])(
    '%s is decoded, headers kept',
    async (enc, { server: http }) => {
      await using pm = new PoolManager()
      const resp = await pm.request('GET', `${http.url}/?enc=${enc}`)
      expect(resp.text()).toBe(text)
      expect(resp.headers.get('content-encoding')).toBe(enc === 'deflate-raw' ? 'deflate' : enc)
    },
  )

  test('chained encodings are decoded in reverse order', async ({ server: http }) => {
    await using pm = new PoolManager()
    const resp = await pm.request('GET', `${http.url}/?enc=gzip,br,zstd`)
    expect(resp.text()).toBe(text)
  })

  test('decodeContent: false returns the raw bytes', async ({ server: http }) => {
    await using pm = new PoolManager()
    const resp = await pm.request('GET', `${http.url}/?enc=gzip`, { decodeContent: false })
    expect(zlib.gunzipSync(resp.data).toString()).toBe(text)
  })

  test('streamed bodies are decoded too', async ({ server: http }) => {
    await using pm = new PoolManager()
    const resp = await pm.request('GET', `${http.url}/?enc=br`, { preloadContent: false })
    let out = ''
    for await (const chunk of resp.stream(100)) out += Buffer.from(chunk).toString()
    expect(out).toBe(text)
  })

  test('unknown encodings are passed through untouched', async ({ server: http }) => {
    await using pm = new PoolManager()
    const resp = await pm.request('GET', `${http.url}/?header=compress`)
    expect(resp.text()).toBe(text)
  })

  test('more than 5 chained encodings is a DecodeError', async ({ server: http }) => {
    await using pm = new PoolManager()
    const error = await pm.request('GET', `${http.url}/?enc=gzip,gzip,gzip,gzip,gzip,gzip`).catch((e) => e)
    expect(error).toBeInstanceOf(DecodeError)
    expect(error.message).toMatch(/Too many content encodings/)
  })

  test('a corrupt body is a DecodeError with the zlib error as cause', async ({ server: http }) => {
    await using pm = new PoolManager()
    const error = await pm.request('GET', `${http.url}/?enc=gzip&corrupt=1`).catch((e) => e)
    expect(error).toBeInstanceOf(DecodeError)
    expect(error.cause).toBeInstanceOf(Error)
  })

  test('a compression bomb stops at maxResponseSize with ResponseTooLargeError', async ({ server: http }) => {
    await using pm = new PoolManager({ maxResponseSize: 1024 * 1024 })
    // 16 MiB of zeros, about 16 KiB gzipped, twice: a small wire body that expands past the limit.
    const error = await pm
      .request('GET', `${http.url}/?enc=gzip,gzip&bomb=${16 * 1024 * 1024}`)
      .catch((e) => e)
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    const streamed = await pm.request('GET', `${http.url}/?enc=gzip&bomb=${16 * 1024 * 1024}`, {
      preloadContent: false,
    })
    let received = 0
    const failure = await (async () => {
      for await (const chunk of streamed.stream()) received += chunk.length
    })().catch((e) => e)
    expect(failure).toBeInstanceOf(ResponseTooLargeError)
    expect(received).toBeLessThanOrEqual(1024 * 1024)
  })
})
