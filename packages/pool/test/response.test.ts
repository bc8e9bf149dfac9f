import { startHttpServer } from '@x/testserver'
import { httpbinTest as test, until } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { DecodeError, HTTPResponse, PoolError, PoolManager } from '../src/index.js'

describe('HTTPResponse', () => {
  test('can be built by hand', () => {
    const r = new HTTPResponse({
      status: 301,
      headers: { Location: '/next' },
      body: new TextEncoder().encode('{"a":1}'),
    })
    expect(r.reason).toBe('Moved Permanently')
    expect(r.getRedirectLocation()).toBe('/next')
    expect(r.json()).toEqual({ a: 1 })
    expect(new HTTPResponse({ status: 200, headers: { Location: '/x' } }).getRedirectLocation()).toBe(false)
  })

  test('json() on a non-JSON body is a DecodeError', () => {
    const r = new HTTPResponse({ status: 200, body: new TextEncoder().encode('<html>') })
    expect(() => r.json()).toThrow(DecodeError)
  })

  test('read(amount) on a preloaded body consumes it', async () => {
    const r = new HTTPResponse({ status: 200, body: new TextEncoder().encode('abcdef') })
    expect(new TextDecoder().decode(await r.read(2))).toBe('ab')
    expect(new TextDecoder().decode(await r.read())).toBe('cdef')
    expect((await r.read()).length).toBe(0)
  })

  test('stream(chunkSize) over a preloaded body', async () => {
    const r = new HTTPResponse({ status: 200, body: new Uint8Array(10) })
    const sizes: number[] = []
    for await (const chunk of r.stream(4)) sizes.push(chunk.length)
    expect(sizes).toEqual([4, 4, 2])
  })
})

describe('streaming responses (preloadContent: false)', () => {
  test('stream() yields the whole body in chunks of at most chunkSize', async ({ httpbin }) => {
    await using pm = new PoolManager()
    const resp = await pm.request('GET', `${httpbin.url}/stream-bytes/300000?chunk_size=10000`, {
      preloadContent: false,
    })
    expect(resp.status).toBe(200)
    expect(resp.data.length).toBe(0)
    let total = 0
    for await (const chunk of resp.stream(4096)) {
      expect(chunk.length).toBeLessThanOrEqual(4096)
      total += chunk.length
    }
    expect(total).toBe(300000)
    expect(resp.complete).toBe(true)
  })

  test('read(n) returns exactly n bytes until the end', async ({ httpbin }) => {
    await using pm = new PoolManager()
    const resp = await pm.request('GET', `${httpbin.url}/bytes/1000`, { preloadContent: false })
    expect((await resp.read(300)).length).toBe(300)
    expect((await resp.read(300)).length).toBe(300)
    expect((await resp.read()).length).toBe(400)
    expect((await resp.read(10)).length).toBe(0)
  })

  test('a fully read body gives the socket back for reuse', async () => {
    await using http = await startHttpServer((_req, res) => res.end('x'.repeat(100_000)))
    // maxSize 1: undici briefly marks a just-freed socket busy while it checks it is still alive, and a
    // larger pool would open a second connection meanwhile.
    await using pm = new PoolManager({ maxSize: 1 })
    for (let i = 0; i < 3; i++) {
      const resp = await pm.request('GET', http.url, { preloadContent: false })
      await resp.drainConn()
    }
    expect(http.connections).toBe(1)
  })

  test('releaseConn() on an unread body destroys the socket (never reused) and frees the slot', async () => {
    await using http = await startHttpServer((_req, res) => {
      res.write('x'.repeat(200_000))
      setTimeout(() => res.end('tail'), 50).unref()
    })
    await using pm = new PoolManager({ maxSize: 1, block: true })
    const resp = await pm.request('GET', http.url, { preloadContent: false })
    await resp.read(10)
    resp.releaseConn()
    await expect(resp.read()).rejects.toThrow(PoolError)
    const again = await pm.request('GET', http.url)
    expect(again.data.length).toBe(200_004)
    expect(http.connections).toBe(2)
    await until(() => pm.stats()[http.url]?.running === 0)
  })

  test('backpressure: an unread stream pauses the socket instead of buffering everything', async () => {
    let written = 0
    let ended = false
    await using http = await startHttpServer((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024)
      const pump = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        ended = true
        res.end()
      }
      pump()
    })
    await using pm = new PoolManager()
    const resp = await pm.request('GET', http.url, { preloadContent: false })
    await resp.read(1)
    await new Promise((r) => setTimeout(r, 100))
    expect(ended).toBe(false)
    expect(written).toBeLessThan(32 * 1024 * 1024)
    resp.close()
  })
})
