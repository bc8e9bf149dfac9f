import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { type RunningHttpbin, startHttpServer } from '@x/testserver'
import { describe, expect } from 'vitest'
import {
  InvalidSchema,
  type PreparedRequest,
  type Response,
  type SendOptions,
  Session,
  Timeout,
  TooManyRedirects,
  UnrewindableBodyError,
} from '../src/index.js'
import { shouldStripAuth } from '../src/session/redirects.js'
import { it } from './fixtures.js'

type Echo = {
  headers: Record<string, string>
  method: string
  data: string
  url: string
  args: Record<string, string>
}
const to = (hb: RunningHttpbin, target: string, status: number) =>
  `${hb.url}/redirect-to?url=${encodeURIComponent(target)}&status_code=${status}`

// Ported from requests' tests/test_requests.py and test_lowlevel.py (redirect handling).
describe('redirects', () => {
  it('302 GET is followed with history', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/redirect/1`)
    expect(r.statusCode).toBe(200)
    expect(r.history.map((h) => h.statusCode)).toEqual([302])
    expect(r.history[0]!.history).toEqual([])
    expect(r.url).toBe(`${httpbin.url}/get`)
  })

  it('history is a list for every response; allowRedirects false keeps the redirect and sets next', async ({
    httpbin,
    s,
  }) => {
    const r = await s.get(`${httpbin.url}/redirect/1`, { allowRedirects: false })
    expect(r.statusCode).toBe(302)
    expect(r.history).toEqual([])
    expect(r.isRedirect).toBe(true)
    expect(r.next?.url).toBe(`${httpbin.url}/get`)
    const followed = await s.send(r.next!)
    expect(followed.statusCode).toBe(200)
  })

  it('more than maxRedirects raises TooManyRedirects with the last response', async ({ httpbin, s }) => {
    const err = await s.get(`${httpbin.url}/relative-redirect/50`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TooManyRedirects)
    expect((err as TooManyRedirects).response?.history).toHaveLength(30)
    await using small = new Session({ maxRedirects: 5 })
    await expect(small.get(`${httpbin.url}/redirect/6`, { params: { a: '1' } })).rejects.toBeInstanceOf(
      TooManyRedirects,
    )
    expect((await small.get(`${httpbin.url}/redirect/5`)).statusCode).toBe(200)
  })

  it.for<[number, string, string]>([
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [307, 'POST', 'POST'],
    [308, 'POST', 'POST'],
    [301, 'HEAD', 'HEAD'],
    [302, 'HEAD', 'HEAD'],
    [303, 'HEAD', 'HEAD'],
  ])('%i %s becomes %s', async ([status, method, expected], { httpbin, s }) => {
    const r = await s.request(method, to(httpbin, '/anything', status), {
      data: 'payload',
      allowRedirects: true,
    })
    expect(r.statusCode).toBe(200)
    expect(r.request.method).toBe(expected)
    if (expected === 'POST') {
      expect(r.json<Echo>().data).toBe('payload')
    } else if (expected === 'GET') {
      const e = r.json<Echo>()
      expect(e.data).toBe('')
      expect(e.headers['Content-Length']).toBeUndefined()
      expect(e.headers['Content-Type']).toBeUndefined()
    }
  })

  it('307 with a consumed stream body raises UnrewindableBodyError', async ({ httpbin, s }) => {
    const body = Readable.from([Buffer.from('once')])
    const err = await s.post(to(httpbin, '/anything', 307), { data: body }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UnrewindableBodyError)
  })

  it('307 with an in-memory multipart body resends it', async ({ httpbin, s }) => {
    const r = await s.post(to(httpbin, '/post', 307), { files: { f: ['a.txt', 'again'] } })
    expect(r.json<{ files: Record<string, string> }>().files.f).toBe('again')
  })

  it('a redirect to a non-HTTP scheme is refused', async ({ httpbin, s }) => {
    const err = await s.get(to(httpbin, 'ftp://127.0.0.1/x', 302)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidSchema)
    expect((err as InvalidSchema).response?.statusCode).toBe(302)
  })

  it('the fragment is kept across redirects and updated by a new one', async ({ httpbin, s }) => {
    const r = await s.get(`${to(httpbin, '/get', 302)}#keep`)
    expect(r.url).toBe(`${httpbin.url}/get#keep`)
    const r2 = await s.get(`${to(httpbin, '/get#new', 302)}#old`)
    expect(r2.url).toBe(`${httpbin.url}/get#new`)
  })

  it('cookies set on a redirect are sent on the next hop and persisted', async ({ httpbin }) => {
    await using sess = new Session()
    const r = await sess.get(`${httpbin.url}/cookies/set?redirected=yes`)
    expect(r.history[0]?.cookies.get('redirected')).toBe('yes')
    expect(r.json()).toEqual({ cookies: { redirected: 'yes' } })
    expect(sess.cookies.get('redirected')).toBe('yes')
  })

  it('an explicit Cookie header is dropped on redirect and rebuilt from the jar', async ({ httpbin, s }) => {
    const r = await s.get(to(httpbin, '/headers', 302), {
      headers: { Cookie: 'manual=1' },
      cookies: { jar: '2' },
    })
    expect(r.json<Echo>().headers.Cookie).toBe('jar=2')
  })

  it("a subclass's own send sees every hop, as requests' resolve_redirects calls self.send", async ({
    httpbin,
  }) => {
    const sent: string[] = []
    class Recording extends Session {
      override send(request: PreparedRequest, options?: SendOptions): Promise<Response> {
        sent.push(new URL(request.url).pathname)
        return super.send(request, options)
      }
    }
    await using rec = new Recording()
    const r = await rec.get(`${httpbin.url}/redirect/3`)
    expect(r.statusCode).toBe(200)
    expect(sent).toEqual(['/redirect/3', '/relative-redirect/2', '/relative-redirect/1', '/get'])
  })

  it('the total deadline spans the whole chain, not each hop', async () => {
    // every hop answers after 60 ms: no hop alone passes 150 ms, the chain of 4 does
    await using server = await startHttpServer((req, res) => {
      const n = Number(/^\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0)
      setTimeout(() => {
        if (n > 0) res.writeHead(302, { location: `/hop/${n - 1}`, 'content-length': 0 }).end()
        else res.writeHead(200, { 'content-length': 2 }).end('ok')
      }, 60)
    })
    await using sess = new Session()
    const url = `http://127.0.0.1:${server.port}/hop/3`
    const err = await sess.get(url, { timeout: { read: 1000, total: 150 } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Timeout)
    expect((await sess.get(url, { timeout: { read: 1000, total: 5000 } })).history).toHaveLength(3)
  })

  it('request cookies are sent but not persisted in the session', async ({ httpbin }) => {
    await using sess = new Session()
    const r = await sess.get(`${httpbin.url}/cookies`, { cookies: { once: '1' } })
    expect(r.json()).toEqual({ cookies: { once: '1' } })
    expect(sess.cookies.has('once')).toBe(false)
  })
})

describe('Authorization across redirects', () => {
  it('is stripped when the host changes', async ({ httpbin, s }) => {
    const seen: Array<IncomingMessage['headers']> = []
    await using other = await startHttpServer((req, res) => {
      seen.push(req.headers)
      res.end('ok')
    })
    const otherUrl = `http://localhost:${other.port}/`
    await s.get(to(httpbin, otherUrl, 302), { auth: ['user', 'pass'] })
    expect(seen).toHaveLength(1) // the redirect reached the other host
    expect(seen.at(-1)?.authorization).toBeUndefined()
  })

  it('is kept on the same host', async ({ httpbin, s }) => {
    const r = await s.get(to(httpbin, '/headers', 302), { auth: ['user', 'pass'] })
    expect(r.json<Echo>().headers.Authorization).toMatch(/^Basic /)
  })

  it.each([
    ['http://example.test/foo', 'http://another.test/', true],
    ['https://example.test/foo', 'http://example.test/bar', true],
    ['http://example.test/foo', 'https://example.test/bar', false],
    ['http://example.test:80/foo', 'https://example.test/bar', false],
    ['http://example.test/foo', 'https://example.test:443/bar', false],
    ['http://example.test:8080/foo', 'https://example.test/bar', true],
    ['http://example.test/foo', 'http://example.test:8080/bar', true],
    ['https://example.test/foo', 'https://example.test:443/bar', false],
    ['http://example.test:80/foo', 'http://example.test/bar', false],
    ['https://example.test/foo', 'https://example.test:4443/bar', true],
  ])('shouldStripAuth(%s, %s) === %s', (a, b, expected) => {
    expect(shouldStripAuth(a, b)).toBe(expected)
  })
})

describe('SameSite on cross-site redirects', () => {
  it('Strict cookies are withheld and Lax ones sent on a cross-site GET redirect; all are sent same-site', async ({
    httpbin,
  }) => {
    await using sess = new Session()
    const target = `http://localhost:${new URL(httpbin.url).port}/cookies`
    sess.cookies.extractCookies(
      ['st=1; SameSite=Strict', 'lx=2; SameSite=Lax', 'no=3; SameSite=None'],
      target,
    )
    const cross = await sess.get(to(httpbin, target, 302))
    expect(cross.json()).toEqual({ cookies: { lx: '2', no: '3' } })
    const direct = await sess.get(target)
    expect(direct.json()).toEqual({ cookies: { st: '1', lx: '2', no: '3' } })
    const post = await sess.post(to(httpbin, target, 307))
    expect(post.request.headers.get('cookie')).toBe('no=3')
  })
})
