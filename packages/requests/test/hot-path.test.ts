// The request path skips async steps and caches URLs (performance work): these pin what must not change.
import { httpbinTest as it } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import {
  InvalidHeader,
  InvalidURL,
  MissingSchema,
  PreparedRequest,
  type Request,
  Response,
  Session,
} from '../src/index.js'

describe('Session request path', () => {
  it('rejects (never throws synchronously) on invalid input', async ({ httpbin }) => {
    await using s = new Session()
    const calls = [
      () => s.get('no-scheme'),
      () => s.get(`${httpbin.url}/get`, { headers: { 'X-Bad': 'a\r\nb' } }),
      () => s.get(`${httpbin.url}/get`, { nope: 1 } as never),
      () => s.send({} as PreparedRequest),
      () => s.prepareRequest({ method: 'GET', url: `${httpbin.url}/get\n` } as Request),
    ]
    const results = calls.map((call) => call())
    for (const r of results) expect(r).toBeInstanceOf(Promise)
    await expect(results[0]).rejects.toBeInstanceOf(MissingSchema)
    await expect(results[1]).rejects.toBeInstanceOf(InvalidHeader)
    await expect(results[2]).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    await expect(results[3]).rejects.toBeInstanceOf(TypeError)
    await expect(results[4]).rejects.toBeInstanceOf(InvalidURL)
  })

  it('calls an overriding prepareRequest', async ({ httpbin }) => {
    class Tagging extends Session {
      override async prepareRequest(request: Request): Promise<PreparedRequest> {
        const p = await super.prepareRequest(request)
        p.headers.set('X-Tag', 'yes')
        return p
      }
    }
    await using s = new Tagging()
    const r = await s.get(`${httpbin.url}/headers`)
    expect(r.json<{ headers: Record<string, string> }>().headers['X-Tag']).toBe('yes')
  })

  it('sees session changes between requests to the same URL (headers, auth from the URL)', async ({
    httpbin,
  }) => {
    await using s = new Session()
    const url = `${httpbin.url}/headers`
    const first = await s.get(url)
    expect(first.json<{ headers: Record<string, string> }>().headers['X-Late']).toBeUndefined()
    s.headers.set('X-Late', '1')
    const second = await s.get(url)
    expect(second.json<{ headers: Record<string, string> }>().headers['X-Late']).toBe('1')
    s.headers.set('X-Late', 'bad\nvalue')
    await expect(s.get(url)).rejects.toBeInstanceOf(InvalidHeader)
    s.headers.delete('X-Late')
    const withCreds = `${httpbin.url.replace('://', '://u:p@')}/basic-auth/u/p`
    expect((await s.get(withCreds)).statusCode).toBe(200)
    expect((await s.get(withCreds)).statusCode).toBe(200)
  })

  it('a Response built by hand still has an (empty) request', () => {
    const r = new Response()
    expect(r.request).toBeInstanceOf(PreparedRequest)
    expect(r.request).toBe(r.request)
  })
})
