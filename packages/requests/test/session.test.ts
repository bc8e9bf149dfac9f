import { inspect } from 'node:util'
import { describe, expect } from 'vitest'
import { z } from 'zod'
import * as requests from '../src/index.js'
import { HTTPAdapter, InvalidJSONError, InvalidSchema, InvalidURL, Request, Session } from '../src/index.js'
import { it } from './fixtures.js'

type Echo = {
  args: Record<string, string | string[]>
  headers: Record<string, string>
  url: string
  method: string
  form: Record<string, string | string[]>
  json: unknown
  data: string
  files: Record<string, string>
}

// Ported from requests' tests/test_requests.py (TestRequests), against the local httpbin.
describe('module functions and Session basics', () => {
  it('seed: requests.get shows <Response [200]>', async ({ httpbin }) => {
    const r = await requests.get(`${httpbin.url}/get`)
    expect(inspect(r)).toBe('<Response [200]>')
    expect(r.statusCode).toBe(200)
    expect(r.ok).toBe(true)
    expect(r.reason).toBe('OK')
    expect(r.elapsed).toBeGreaterThan(0)
  })

  it('requests.options gets the Allow header', async ({ httpbin }) => {
    const r = await requests.options(`${httpbin.url}/get`)
    expect(r.statusCode).toBe(200)
    expect(r.headers.get('allow')).toContain('GET')
  })

  it.for(['get', 'post', 'put', 'patch', 'delete'] as const)(
    'requests.%s sends its method',
    async (m, { httpbin }) => {
      const fn = {
        get: requests.get,
        post: requests.post,
        put: requests.put,
        patch: requests.patch,
        delete: requests.delete,
      }[m]
      const r = await fn(`${httpbin.url}/anything`)
      expect(r.json<Echo>().method).toBe(m === 'delete' ? 'DELETE' : m.toUpperCase())
    },
  )

  it('HEAD has no body', async ({ httpbin }) => {
    const r = await requests.head(`${httpbin.url}/get`)
    expect(r.statusCode).toBe(200)
    expect(r.content.byteLength).toBe(0)
  })

  it('mixed-case scheme and whitespace before the URL are accepted', async ({ httpbin, s }) => {
    expect((await s.get(`  HTTP://${httpbin.url.slice(7)}/get`)).statusCode).toBe(200)
  })

  it('params: added before the fragment, order kept, arrays repeated', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/get#frag`, { params: { a: 'b', z: ['1', '2'] } })
    expect(r.json<Echo>().args).toEqual({ a: 'b', z: ['1', '2'] })
    expect(r.url).toBe(`${httpbin.url}/get?a=b&z=1&z=2#frag`)
  })

  it('path is not double-encoded', async () => {
    const p = await new Request('GET', 'http://0.0.0.0/get/test case').prepare()
    expect(p.url).toBe('http://0.0.0.0/get/test%20case')
  })

  it('session headers with null are not sent; request headers override case-insensitively', async ({
    httpbin,
  }) => {
    const sess = new Session({ headers: { 'X-Session': '1', Accept: 'text/html' } })
    const r = await sess.get(`${httpbin.url}/headers`, {
      headers: { 'x-session': null, ACCEPT: 'application/json' },
    })
    const h = r.json<Echo>().headers
    expect(h['X-Session']).toBeUndefined()
    expect(h.Accept).toBe('application/json')
    expect((await sess.get(`${httpbin.url}/headers`)).json<Echo>().headers['X-Session']).toBe('1')
    await sess.close()
  })

  it('user agent set on the session is sent', async ({ httpbin }) => {
    const sess = new Session({ headers: { 'User-Agent': 'fancy agent' } })
    expect((await sess.get(`${httpbin.url}/user-agent`)).json()).toEqual({ 'user-agent': 'fancy agent' })
    await sess.close()
  })

  it('params are merged with session params; request keys win', async ({ httpbin }) => {
    const sess = new Session({ params: { a: '1', b: '2' } })
    const r = await sess.get(`${httpbin.url}/get`, { params: { b: '3', c: '4' } })
    expect(r.json<Echo>().args).toEqual({ a: '1', b: '3', c: '4' })
    await sess.close()
  })

  it('form data, multi-valued fields and json', async ({ httpbin, s }) => {
    const r = await s.post(`${httpbin.url}/post`, { data: { a: ['1', '2'], b: 'x y' } })
    expect(r.json<Echo>().form).toEqual({ a: ['1', '2'], b: 'x y' })
    const j = await s.post(`${httpbin.url}/post`, { json: { life: 42 } })
    expect(j.json<Echo>().json).toEqual({ life: 42 })
    expect(j.json<Echo>().headers['Content-Type']).toBe('application/json')
  })

  it('custom content type is kept', async ({ httpbin, s }) => {
    const r = await s.post(`${httpbin.url}/post`, {
      data: '{"x":1}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(r.json<Echo>().json).toEqual({ x: 1 })
  })

  it('files: multipart upload with data fields', async ({ httpbin, s }) => {
    const r = await s.post(`${httpbin.url}/post`, {
      data: { some: 'data' },
      files: { file: ['report.txt', 'hello multipart', 'text/plain'] },
    })
    const e = r.json<Echo>()
    expect(e.files.file).toBe('hello multipart')
    expect(e.form).toEqual({ some: 'data' })
  })

  it('binary PUT', async ({ httpbin, s }) => {
    const r = await s.put(`${httpbin.url}/put`, { data: Buffer.from('ööö') })
    expect(r.json<Echo>().data).toBe('ööö')
  })

  it('unicode in params, data and headers values', async ({ httpbin, s }) => {
    const r = await s.post(`${httpbin.url}/post`, { params: { q: 'ø' }, data: { stuff: 'ëlïxr' } })
    expect(r.json<Echo>().args).toEqual({ q: 'ø' })
    expect(r.json<Echo>().form).toEqual({ stuff: 'ëlïxr' })
  })

  it('gzip, deflate and brotli are decoded', async ({ httpbin, s }) => {
    for (const enc of ['gzip', 'deflate', 'brotli']) {
      const r = await s.get(`${httpbin.url}/${enc}`)
      expect(
        r.json<Record<string, unknown>>()[
          enc === 'brotli' ? 'brotli' : enc === 'gzip' ? 'gzipped' : 'deflated'
        ],
      ).toBe(true)
    }
  })

  it('json(schema) returns typed data or throws InvalidJSONError', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/json`)
    const schema = z.object({ slideshow: z.object({ title: z.string() }) })
    expect(r.json(schema).slideshow.title).toEqual(expect.any(String))
    expect(() => r.json(z.object({ nope: z.string() }))).toThrow(InvalidJSONError)
  })

  it('text uses the charset, JSONDecodeError on HTML', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/encoding/utf8`)
    expect(r.encoding?.toLowerCase()).toBe('utf-8')
    expect(r.text).toContain('∮')
    const html = await s.get(`${httpbin.url}/html`)
    expect(() => html.json()).toThrow(requests.JSONDecodeError)
  })

  it('raiseForStatus raises HTTPError with the response; ok is false', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/status/404`)
    expect(r.ok).toBe(false)
    let err: unknown
    try {
      r.raiseForStatus()
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(requests.HTTPError)
    expect((err as requests.HTTPError).response).toBe(r)
    expect((err as Error).message).toMatch(/^404 Client Error: .* for url: /)
    const s500 = await s.get(`${httpbin.url}/status/500`)
    expect(() => s500.raiseForStatus()).toThrow(/500 Server Error/)
    expect(() => s.get(`${httpbin.url}/status/200`).then((x) => x.raiseForStatus())).not.toThrow()
  })

  it('links parses the Link header', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/response-headers`, {
      params: {
        Link: '<https://example.test/?page=2>; rel="next", <https://example.test/?page=5>; rel="last"',
      },
    })
    expect(r.links.next?.url).toBe('https://example.test/?page=2')
    expect(r.links.last?.url).toBe('https://example.test/?page=5')
  })

  it('headers are case-insensitive', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/get`)
    expect(r.headers.get('content-type')).toBe(r.headers.get('CONTENT-TYPE'))
  })
})

describe('adapters, mount and baseUrl', () => {
  it('longest mounted prefix wins; case-insensitive', () => {
    const sess = new Session()
    const a = new HTTPAdapter()
    const b = new HTTPAdapter()
    sess.mount('http://git', a)
    sess.mount('http://github.com/about/', b)
    expect(sess.getAdapter('http://github.com/about/x')).toBe(b)
    expect(sess.getAdapter('http://GITHUB.com/other')).toBe(a)
    expect(sess.getAdapter('http://other.test/')).not.toBe(a)
    expect([...sess.adapters.keys()][0]).toBe('http://github.com/about/')
    void sess.close()
  })

  it("origin-level mounts: each URL gets its origin's adapter, whatever was asked before", () => {
    const sess = new Session()
    const a = new HTTPAdapter()
    const b = new HTTPAdapter()
    sess.mount('http://127.0.0.1:81', a)
    sess.mount('http://127.0.0.1:82/', b)
    const asked = [
      ['http://127.0.0.1:81/x', a],
      ['http://127.0.0.1:81/y?z=1', a],
      ['http://127.0.0.1:82/x', b],
      ['http://127.0.0.1:81', a],
      ['http://127.0.0.1:83/x', undefined],
      ['http://127.0.0.1:82/', b],
      ['HTTP://127.0.0.1:81/x', a],
    ] as const
    for (const [url, adapter] of asked) {
      if (adapter) expect(sess.getAdapter(url), url).toBe(adapter)
      else expect([a, b], url).not.toContain(sess.getAdapter(url))
    }
    // a later mount is seen at once
    const c = new HTTPAdapter()
    sess.mount('http://127.0.0.1:81/', c)
    expect(sess.getAdapter('http://127.0.0.1:81/x')).toBe(c)
    void sess.close()
  })

  it('no adapter for other schemes: InvalidSchema', async ({ s }) => {
    await expect(s.get('ftp://127.0.0.1/')).rejects.toBeInstanceOf(InvalidSchema)
    await expect(s.get('localhost:3128')).rejects.toBeInstanceOf(InvalidSchema)
    await expect(s.get('10.122.1.1:3128/')).rejects.toBeInstanceOf(InvalidSchema)
  })

  it('a mounted adapter is used', async ({ httpbin }) => {
    const sess = new Session()
    const adapter = new HTTPAdapter({ poolMaxsize: 2 })
    let used = 0
    const orig = adapter.send.bind(adapter)
    adapter.send = (req, o) => {
      used++
      return orig(req, o)
    }
    sess.mount(`${httpbin.url}/`, adapter)
    await sess.get(`${httpbin.url}/get`)
    expect(used).toBe(1)
    await sess.close()
  })

  it('baseUrl joins relative paths and cannot be escaped', async ({ httpbin }) => {
    const sess = new Session({ baseUrl: `${httpbin.url}/anything/api/` })
    expect((await sess.get('users')).json<Echo>().url).toBe(`${httpbin.url}/anything/api/users`)
    expect((await sess.get('/users?x=1')).json<Echo>().url).toBe(`${httpbin.url}/anything/api/users?x=1`)
    expect((await sess.get(`${httpbin.url}/anything/api/abs`)).statusCode).toBe(200)
    await expect(sess.get('http://127.0.0.2/x')).rejects.toBeInstanceOf(InvalidURL)
    await expect(sess.get('//127.0.0.2/x')).rejects.toBeInstanceOf(InvalidURL)
    await expect(sess.get('../../get')).rejects.toBeInstanceOf(InvalidURL)
    await expect(sess.get('\\\\127.0.0.2/x')).rejects.toBeInstanceOf(InvalidURL)
    await sess.close()
  })
})

describe('options validation', () => {
  it('unknown session options and bad values are TypeErrors naming the path', () => {
    expect(() => new Session({ timeOut: 1 } as never)).toThrow(/"options.timeOut" is not a known option/)
    expect(() => new Session({ timeout: -1 })).toThrow(TypeError)
    expect(() => new Session({ maxRedirects: -1 })).toThrow(/"options.maxRedirects"/)
    try {
      new Session({ verify: 3 as never })
    } catch (e) {
      expect((e as { code?: string }).code).toBe('ERR_INVALID_ARG_VALUE')
    }
    expect(() => new HTTPAdapter({ poolMaxsize: 0 })).toThrow(/"options.poolMaxsize"/)
  })

  it('unknown request options are rejected', async ({ httpbin, s }) => {
    await expect(s.get(`${httpbin.url}/get`, { allow_redirects: false } as never)).rejects.toThrow(
      /"options.allow_redirects" is not a known option/,
    )
    await expect(s.get(`${httpbin.url}/get`, { timeout: [1, 2, 3] as never })).rejects.toThrow(TypeError)
  })
})

describe('more ported checks', () => {
  it('params merge case-sensitively (test_params_are_merged_case_sensitive)', async ({ httpbin }) => {
    const sess = new Session({ params: { foo: 'bar' } })
    const r = await sess.get(`${httpbin.url}/get`, { params: { FOO: 'bar' } })
    expect(r.json<Echo>().args).toEqual({ foo: 'bar', FOO: 'bar' })
    await sess.close()
  })

  it('session header removal is case-insensitive (test_header_remove_is_case_insensitive)', async ({
    httpbin,
  }) => {
    const sess = new Session({ headers: { foo: 'bar' } })
    sess.headers.delete('FOO')
    expect((await sess.get(`${httpbin.url}/headers`)).json<Echo>().headers.Foo).toBeUndefined()
    await sess.close()
  })

  it('a session that changes its headers changes no other session nor module-level calls', async ({
    httpbin,
  }) => {
    const a = new Session()
    a.headers.set('X-Mine', 'a')
    a.headers.delete('Accept-Encoding')
    const fresh = new Session()
    expect(fresh.headers.has('x-mine')).toBe(false)
    expect(fresh.headers.get('accept-encoding')).toBe('gzip, deflate, br, zstd')
    // Never read: prepared from the shared defaults.
    const untouched = (await new Session().get(`${httpbin.url}/headers`)).json<Echo>().headers
    const moduleLevel = (await requests.get(`${httpbin.url}/headers`)).json<Echo>().headers
    for (const sent of [untouched, moduleLevel]) {
      expect(sent['X-Mine']).toBeUndefined()
      expect(sent['Accept-Encoding']).toBe('gzip, deflate, br, zstd')
    }
    expect((await a.get(`${httpbin.url}/headers`)).json<Echo>().headers).toMatchObject({ 'X-Mine': 'a' })
    const replaced = new Session()
    replaced.headers = new requests.CaseInsensitiveDict({ 'X-Only': '1' })
    const sent = (await replaced.get(`${httpbin.url}/headers`)).json<Echo>().headers
    expect(sent['X-Only']).toBe('1')
    expect(sent['User-Agent']).not.toMatch(/^x-requests/)
    await Promise.all([a.close(), fresh.close(), replaced.close()])
  })

  it('session auth stays out of keys, JSON and inspect, and can be replaced', async ({ httpbin }) => {
    const s = new Session({ auth: ['user', 'hunter2'] })
    expect(Object.keys(s)).not.toContain('auth')
    expect(JSON.stringify(s)).not.toContain('hunter2')
    expect(inspect(s, { depth: 5, showHidden: true })).not.toContain('hunter2')
    expect((await s.get(`${httpbin.url}/basic-auth/user/hunter2`)).statusCode).toBe(200)
    s.auth = ['user', 'other']
    expect((await s.get(`${httpbin.url}/basic-auth/user/hunter2`)).statusCode).toBe(401)
    s.auth = null
    expect(s.auth).toBeNull()
    await s.close()
  })

  it('a long user:password in the URL works (test_long_authinfo_in_url)', async ({ httpbin, s }) => {
    const user = 'u'.repeat(100)
    const pass = 'p'.repeat(200)
    const r = await s.get(
      `${httpbin.url.replace('http://', `http://${user}:${pass}@`)}/basic-auth/${user}/${pass}`,
    )
    expect(r.statusCode).toBe(200)
    expect(r.url).not.toContain('@')
  })
})
