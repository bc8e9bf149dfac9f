import { inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'
import { get, json } from './helpers.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
})
afterAll(() => httpbin.close())

describe('documents', () => {
  it('/json is the slideshow sample', async () => {
    const res = await fetch(`${httpbin.url}/json`)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect((await json(res)).slideshow.title).toBe('Sample Slide Show')
  })

  it('/html, /xml and /encoding/utf8', async () => {
    const html = await fetch(`${httpbin.url}/html`)
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await html.text()).toContain('Moby-Dick')
    const xml = await fetch(`${httpbin.url}/xml`)
    expect(xml.headers.get('content-type')).toBe('application/xml')
    expect(await xml.text()).toContain('<slideshow')
    const utf8 = await get(`${httpbin.url}/encoding/utf8`)
    expect(utf8.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(utf8.body.toString('utf8')).toContain('我能吞下玻璃而不伤身体')
  })

  it('/links/:n/:offset links to the other pages', async () => {
    const text = await (await fetch(`${httpbin.url}/links/3/1`)).text()
    expect(text).toContain("<a href='/links/3/0'>0</a>")
    expect(text).toContain("<a href='/links/3/2'>2</a>")
    expect(text).not.toContain("href='/links/3/1'")
  })

  it('/image/png is a valid PNG', async () => {
    const res = await get(`${httpbin.url}/image/png`)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(res.body.subarray(12, 16).toString()).toBe('IHDR')
    expect(res.body.readUInt32BE(16)).toBe(16)
    const idatLength = res.body.readUInt32BE(33)
    const pixels = inflateSync(res.body.subarray(41, 41 + idatLength))
    expect(pixels).toHaveLength(16 * (1 + 16 * 3))
  })
})

describe('caching', () => {
  it('/cache answers 200 with Last-Modified and ETag, and 304 to a conditional request', async () => {
    const res = await fetch(`${httpbin.url}/cache`)
    expect(res.status).toBe(200)
    expect(res.headers.get('last-modified')).toBeTruthy()
    const etag = res.headers.get('etag')
    expect(etag).toBeTruthy()
    expect((await fetch(`${httpbin.url}/cache`, { headers: { 'if-none-match': etag! } })).status).toBe(304)
    const since = await fetch(`${httpbin.url}/cache`, {
      headers: { 'if-modified-since': new Date().toUTCString() },
    })
    expect(since.status).toBe(304)
  })

  it('/cache/:n sets Cache-Control max-age', async () => {
    const res = await fetch(`${httpbin.url}/cache/60`)
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('/etag/:etag honours If-None-Match and If-Match', async () => {
    const res = await fetch(`${httpbin.url}/etag/abc`)
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe('"abc"')
    expect((await fetch(`${httpbin.url}/etag/abc`, { headers: { 'if-none-match': '"abc"' } })).status).toBe(
      304,
    )
    expect((await fetch(`${httpbin.url}/etag/abc`, { headers: { 'if-none-match': '"x"' } })).status).toBe(200)
    expect((await fetch(`${httpbin.url}/etag/abc`, { headers: { 'if-match': '"x"' } })).status).toBe(412)
    expect((await fetch(`${httpbin.url}/etag/abc`, { headers: { 'if-match': '"abc"' } })).status).toBe(200)
  })
})
