import { Retry } from '@x/pool'
import { startRawServer } from '@x/testserver'
import { httpbinTest as it } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import * as requests from '../src/index.js'
import { ConnectionError, HTTPAdapter, RetryError, Session, StreamConsumedError } from '../src/index.js'

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

describe('HTTPAdapter retries', () => {
  it('maxRetries retries dropped connections; the default (0) does not', async () => {
    let n = 0
    await using raw = await startRawServer((socket) => {
      n++
      if (n % 3 === 0) socket.write(OK)
      else socket.destroy()
    })
    const none = new Session()
    await expect(none.get(raw.url)).rejects.toBeInstanceOf(ConnectionError)
    await none.close()
    n = 0
    await using s = new Session()
    s.mount('http://', new HTTPAdapter({ maxRetries: 2 }))
    const r = await s.get(raw.url)
    expect(r.text).toBe('ok')
    expect(n).toBe(3)
  })

  it('a Retry with statusForcelist ends in RetryError with the pool error as cause', async ({ httpbin }) => {
    await using s = new Session()
    s.mount('http://', new HTTPAdapter({ maxRetries: new Retry({ total: 2, statusForcelist: [503] }) }))
    const before = httpbin.hits.get('/status/503') ?? 0
    const err = await s.get(`${httpbin.url}/status/503`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RetryError)
    expect((err as Error).cause).toBeDefined()
    expect((httpbin.hits.get('/status/503') ?? 0) - before).toBe(3)
  })
})

describe('connections and lifecycle', () => {
  it('keep-alive: a session reuses one connection and closes it on close()', async () => {
    await using raw = await startRawServer((socket) => socket.write(OK))
    const s = new Session()
    for (let i = 0; i < 10; i++) expect((await s.get(raw.url)).text).toBe('ok')
    expect(raw.connections).toBe(1)
    await s.close()
    await new Promise((r) => setTimeout(r, 50))
    expect(raw.sockets.size).toBe(0)
  })

  it('an unconsumed streamed response that is closed does not leave its socket for reuse', async () => {
    await using raw = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n')
      socket.write(Buffer.alloc(1000))
    })
    await using s = new Session()
    const r = await s.get(raw.url, { stream: true })
    r.close()
    expect(() => r.iterContent()).toThrow(StreamConsumedError)
    const r2 = await s.get(raw.url, { stream: true })
    r2.close()
    expect(raw.connections).toBe(2)
  })

  it('an aborted signal rejects with AbortError before and during the request', async () => {
    await using raw = await startRawServer(() => {})
    await using s = new Session()
    const ac = new AbortController()
    const pending = s.get(raw.url, { signal: ac.signal })
    setTimeout(() => ac.abort(), 20)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await expect(s.get(raw.url, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('head does not follow redirects unless asked', async ({ httpbin }) => {
    await using s = new Session()
    const r = await s.head(`${httpbin.url}/redirect/1`)
    expect(r.statusCode).toBe(302)
    expect((await s.head(`${httpbin.url}/redirect/1`, { allowRedirects: true })).statusCode).toBe(200)
  })

  it('a streamed redirect chain drains intermediate bodies and streams the last one', async ({ httpbin }) => {
    await using s = new Session()
    const r = await s.get(`${httpbin.url}/redirect/2`, { stream: true })
    expect(r.history).toHaveLength(2)
    expect(JSON.parse(Buffer.from(await r.readContent()).toString()).url).toBe(`${httpbin.url}/get`)
  })
})

describe('cookies from servers', () => {
  it('an expired Set-Cookie removes the cookie; quoted values are kept as sent', async () => {
    await using raw = await startRawServer((socket, req) => {
      const set =
        req.path === '/set'
          ? 'Set-Cookie: a=1; Path=/\r\nSet-Cookie: q="quoted"; Path=/\r\n'
          : 'Set-Cookie: a=gone; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT\r\n'
      socket.write(`HTTP/1.1 200 OK\r\n${set}Content-Length: 0\r\n\r\n`)
    })
    await using s = new Session()
    const r = await s.get(`${raw.url}/set`)
    expect(r.cookies.get('a')).toBe('1')
    expect(s.cookies.get('q')).toBe('"quoted"')
    await s.get(`${raw.url}/expire`)
    expect(s.cookies.has('a')).toBe(false)
  })

  it('a RequestsCookieJar can be passed per request', async ({ httpbin }) => {
    const jar = new requests.RequestsCookieJar()
    jar.set('from', 'jar')
    const r = await requests.get(`${httpbin.url}/cookies`, { cookies: jar })
    expect(r.json()).toEqual({ cookies: { from: 'jar' } })
  })
})
