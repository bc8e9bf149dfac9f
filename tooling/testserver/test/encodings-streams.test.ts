import { brotliDecompressSync, gunzipSync, inflateSync, zstdDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'
import { get } from './helpers.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
})
afterAll(() => httpbin.close())

describe('content encodings', () => {
  it.each([
    ['gzip', 'gzip', 'gzipped', gunzipSync],
    ['deflate', 'deflate', 'deflated', inflateSync],
    ['brotli', 'br', 'brotli', brotliDecompressSync],
    ['zstd', 'zstd', 'zstd', zstdDecompressSync],
  ] as const)('/%s sends Content-Encoding %s', async (path, encoding, flag, decode) => {
    const res = await get(`${httpbin.url}/${path}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe(encoding)
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    const body = JSON.parse(decode(res.body).toString())
    expect(body).toMatchObject({ [flag]: true, method: 'GET', origin: '127.0.0.1' })
    expect(body.headers.Host).toBe(`127.0.0.1:${httpbin.port}`)
  })
})

describe('bytes and streams', () => {
  it('/bytes/:n sends n bytes with Content-Length; the same seed gives the same bytes', async () => {
    const a = await get(`${httpbin.url}/bytes/1000?seed=7`)
    const b = await get(`${httpbin.url}/bytes/1000?seed=7`)
    expect(a.headers['content-type']).toBe('application/octet-stream')
    expect(a.headers['content-length']).toBe('1000')
    expect(a.body).toHaveLength(1000)
    expect(a.body.equals(b.body)).toBe(true)
    const c = await get(`${httpbin.url}/bytes/1000?seed=8`)
    expect(a.body.equals(c.body)).toBe(false)
  })

  it('/bytes-fixed/:n sends deterministic bytes, /json-1k a fixed ~1 KiB JSON', async () => {
    const res = await get(`${httpbin.url}/bytes-fixed/300`)
    expect(res.headers['content-length']).toBe('300')
    expect([...res.body.subarray(254, 258)]).toEqual([254, 255, 0, 1])
    const json = await get(`${httpbin.url}/json-1k`)
    expect(json.body.length).toBe(1024)
    expect(JSON.parse(json.body.toString()).id).toBe('bench-0001')
    expect((await get(`${httpbin.url}/json-1k`)).body.equals(json.body)).toBe(true)
  })

  it('/stream/:n sends n JSON lines, chunked', async () => {
    const res = await get(`${httpbin.url}/stream/3?x=1`)
    expect(res.headers['transfer-encoding']).toBe('chunked')
    const lines = res.body
      .toString()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((line) => line.id)).toEqual([0, 1, 2])
    expect(lines[0]).toMatchObject({
      args: { x: '1' },
      origin: '127.0.0.1',
      url: `${httpbin.url}/stream/3?x=1`,
    })
  })

  it('/stream-bytes/:n sends n bytes chunked, deterministic with a seed', async () => {
    const res = await get(`${httpbin.url}/stream-bytes/5000?seed=1&chunk_size=1000`)
    expect(res.headers['transfer-encoding']).toBe('chunked')
    expect(res.body).toHaveLength(5000)
    expect((await get(`${httpbin.url}/stream-bytes/5000?seed=1`)).body.equals(res.body)).toBe(true)
  })

  it('/range/:n serves the alphabet with byte ranges', async () => {
    const full = await get(`${httpbin.url}/range/30`)
    expect(full.headers['accept-ranges']).toBe('bytes')
    expect(full.body.toString()).toBe('abcdefghijklmnopqrstuvwxyzabcd')
    const part = await get(`${httpbin.url}/range/30`, { headers: { range: 'bytes=2-5' } })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe('bytes 2-5/30')
    expect(part.body.toString()).toBe('cdef')
    const suffix = await get(`${httpbin.url}/range/30`, { headers: { range: 'bytes=-3' } })
    expect(suffix.body.toString()).toBe('bcd')
    const bad = await get(`${httpbin.url}/range/30`, { headers: { range: 'bytes=40-50' } })
    expect(bad.status).toBe(416)
    expect(bad.headers['content-range']).toBe('bytes */30')
  })

  it('/drip sends numbytes asterisks with Content-Length and the requested code', async () => {
    const res = await get(`${httpbin.url}/drip?duration=0.05&numbytes=5&code=201`)
    expect(res.status).toBe(201)
    expect(res.headers['content-length']).toBe('5')
    expect(res.body.toString()).toBe('*****')
  })

  it('/delay/:s answers with the echo after the delay', async () => {
    const res = await fetch(`${httpbin.url}/delay/0.05?a=1`, { method: 'POST', body: 'x' })
    expect(await res.json()).toMatchObject({ args: { a: '1' }, data: 'x', method: 'POST' })
  })

  it('close() ends a request still waiting in /delay', async () => {
    const own = await startHttpbin()
    const pending = fetch(`${own.url}/delay/10`)
    while (own.hits.get('/delay/10') === undefined) await new Promise((resolve) => setTimeout(resolve, 5))
    await own.close()
    await expect(pending).rejects.toThrow()
  })
})
