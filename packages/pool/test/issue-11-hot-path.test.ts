// Issue 11: request preparation keeps parsed URLs and valid tokens for the next request. These pin that the caches
// never let a bad input through and that bad input still rejects rather than throws.
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { LocationParseError, PoolManager } from '../src/index.js'
import { parseRequestUrl } from '../src/url.js'

describe('parsed request URLs are kept for the same string', () => {
  test('the same string gives the same parse; credentials are never kept', () => {
    const url = 'http://127.0.0.1:9/keep?x=1'
    expect(parseRequestUrl(url)).toBe(parseRequestUrl(url))
    expect(parseRequestUrl(url).href).toBe(url)
    const withCredentials = 'http://user:secret@127.0.0.1:9/'
    expect(parseRequestUrl(withCredentials)).not.toBe(parseRequestUrl(withCredentials))
  })

  test('bad URLs are refused every time, also after a good neighbour was kept', () => {
    parseRequestUrl('http://127.0.0.1:9/a')
    for (let i = 0; i < 2; i++) {
      expect(() => parseRequestUrl('http://127.0.0.1:9/a\n')).toThrow(LocationParseError)
      expect(() => parseRequestUrl('ftp://127.0.0.1:9/a')).toThrow(LocationParseError)
      expect(() => parseRequestUrl('http://')).toThrow(LocationParseError)
    }
  })
})

describe('request() rejects, never throws, on bad input', () => {
  test('method, header name, header value, URL and option key', async () => {
    const server = await startRawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
    )
    await using pm = new PoolManager()
    const url = `${server.url}/`
    // A valid name and method are remembered; the invalid ones are refused however often they come.
    expect((await pm.request('GET', url, { headers: { 'X-Ok': '1' } })).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const calls = [
        () => pm.request('GE T', url),
        () => pm.request('GET', url, { headers: { 'X Bad': '1' } }),
        () => pm.request('GET', url, { headers: { 'X-Ok': 'a\r\nb' } }),
        () => pm.request('GET', `${url}\n`),
        () => pm.request('GET', url, { nope: 1 } as never),
      ]
      const results = calls.map((call) => call())
      for (const r of results) expect(r).toBeInstanceOf(Promise)
      for (const r of results) await expect(r).rejects.toBeInstanceOf(Error)
    }
    expect(server.requests).toBe(1)
    await server.close()
  })
})
