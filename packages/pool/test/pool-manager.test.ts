import { Readable } from 'node:stream'
import { startHttpbin, type Echo, startHttpServer } from '@x/testserver'
import { httpbinTest, published } from '@x/testserver/vitest'
import { describe, expect, onTestFinished } from 'vitest'
import {
  channels,
  closeDefaultManager,
  HTTPHeaderDict,
  HTTPResponse,
  LocationParseError,
  MaxRetryError,
  PoolManager,
  request,
  ResponseError,
  Retry,
} from '../src/index.js'

/** The file's local httpbin, and a fresh PoolManager for each test, closed after it. */
// biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
const test = httpbinTest.extend('pm', async ({}, { onCleanup }) => {
  const pm = new PoolManager()
  onCleanup(() => pm.close())
  return pm
})

describe('PoolManager.request', () => {
  test('the seed: GET returns 200 with a preloaded body', async ({ httpbin: server, pm }) => {
    const resp = await pm.request('GET', `${server.url}/get`)
    expect(resp).toBeInstanceOf(HTTPResponse)
    expect(resp.status).toBe(200)
    expect(resp.reason).toBe('OK')
    expect(resp.version).toBe('1.1')
    expect(resp.headers.get('content-type')).toContain('application/json')
    expect(resp.data).toBeInstanceOf(Uint8Array)
    expect(resp.json<Echo>().url).toBe(`${server.url}/get`)
    expect(resp.url).toBe(`${server.url}/get`)
    expect(resp.retries?.history).toEqual([])
  })

  test('fields go to the query string for GET/HEAD/DELETE/OPTIONS', async ({ httpbin: server, pm }) => {
    const resp = await pm.request('GET', `${server.url}/get?x=0`, { fields: { a: '1', b: 'two words' } })
    expect(resp.json<Echo>().args).toEqual({ x: '0', a: '1', b: 'two words' })
    const del = await pm.request('DELETE', `${server.url}/delete`, { fields: [['k', 'v']] })
    expect(del.json<Echo>().args).toEqual({ k: 'v' })
  })

  test('fields are multipart for POST by default, urlencoded on request', async ({ httpbin: server, pm }) => {
    const multi = await pm.request('POST', `${server.url}/post`, {
      fields: { name: 'x', upload: ['a.txt', 'file body', 'text/plain'] },
    })
    const echo = multi.json<Echo>()
    expect(echo.headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(echo.form).toEqual({ name: 'x' })
    expect(echo.files).toEqual({ upload: 'file body' })
    const form = await pm.request('POST', `${server.url}/post`, {
      fields: { a: 'b c' },
      encodeMultipart: false,
    })
    expect(form.json<Echo>().form).toEqual({ a: 'b c' })
    expect(form.json<Echo>().headers['Content-Type']).toBe('application/x-www-form-urlencoded')
  })

  test('json sets the body and content type (unless given)', async ({ httpbin: server, pm }) => {
    const resp = await pm.request('POST', `${server.url}/post`, { json: { a: [1, 2] } })
    expect(resp.json<Echo>().json).toEqual({ a: [1, 2] })
    expect(resp.json<Echo>().headers['Content-Type']).toBe('application/json')
    const custom = await pm.request('PUT', `${server.url}/put`, {
      json: { a: 1 },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    })
    expect(custom.json<Echo>().headers['Content-Type']).toBe('application/merge-patch+json')
  })

  test('bodies: string, bytes, Readable, async iterable', async ({ httpbin: server, pm }) => {
    const bodies = [
      'text body',
      new TextEncoder().encode('bytes body'),
      Readable.from([Buffer.from('read'), Buffer.from('able')]),
      (async function* () {
        yield new TextEncoder().encode('async ')
        yield new TextEncoder().encode('iter')
      })(),
    ]
    const expected = ['text body', 'bytes body', 'readable', 'async iter']
    for (const [i, body] of bodies.entries()) {
      const resp = await pm.request('POST', `${server.url}/post`, { body })
      expect(resp.json<Echo>().data).toBe(expected[i])
    }
  })

  test('fields with body, or json with body, is a TypeError', async ({ httpbin: server, pm }) => {
    await expect(pm.request('POST', `${server.url}/post`, { fields: { a: '1' }, body: 'x' })).rejects.toThrow(
      TypeError,
    )
    await expect(pm.request('POST', `${server.url}/post`, { json: 1, body: 'x' })).rejects.toThrow(TypeError)
  })

  test('headers: request headers replace the manager ones (urllib3), User-Agent defaulted', async ({
    httpbin: server,
  }) => {
    await using custom = new PoolManager({ headers: { 'X-Default': 'd' } })
    const withDefaults = (await custom.request('GET', `${server.url}/headers`)).json<Echo>().headers
    expect(withDefaults['X-Default']).toBe('d')
    expect(withDefaults['User-Agent']).toMatch(/^x-pool\//)
    const replaced = (
      await custom.request('GET', `${server.url}/headers`, { headers: new HTTPHeaderDict({ 'X-Own': 'o' }) })
    ).json<Echo>().headers
    expect(replaced['X-Default']).toBeUndefined()
    expect(replaced['X-Own']).toBe('o')
    const ua = (
      await custom.request('GET', `${server.url}/headers`, { headers: { 'user-agent': 'me' } })
    ).json<Echo>()
    expect(ua.headers['User-Agent']).toBe('me')
  })

  test('HEAD has no body; text() decodes', async ({ httpbin: server, pm }) => {
    const head = await pm.request('HEAD', `${server.url}/get`)
    expect(head.status).toBe(200)
    expect(head.data.length).toBe(0)
    const html = await pm.request('GET', `${server.url}/encoding/utf8`)
    expect(html.text()).toContain('∮')
  })

  test('invalid URLs are LocationParseError; credentials never in the message', async ({ pm }) => {
    for (const url of ['not a url', 'ftp://u:secretpw@host/x', 'http://u:secretpw@/x', 'http://h/\r\nX: y']) {
      const error = await pm.request('GET', url).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(LocationParseError)
      expect(String((error as Error).message)).not.toContain('secretpw')
    }
  })

  test('a bad method is rejected before anything is sent', async ({ httpbin: server, pm }) => {
    await expect(pm.request('GE T', `${server.url}/get`)).rejects.toMatchObject({
      code: 'ERR_INVALID_HTTP_TOKEN',
    })
  })

  test('module-level request() uses a default manager', async ({ httpbin: server }) => {
    onTestFinished(() => closeDefaultManager())
    const resp = await request('GET', `${server.url}/json`)
    expect(resp.status).toBe(200)
    expect(resp.json()).toBeTypeOf('object')
  })

  test('closed manager rejects with ClosedPoolError', async ({ httpbin: server }) => {
    const closed = new PoolManager()
    await closed.close()
    await expect(closed.request('GET', `${server.url}/get`)).rejects.toMatchObject({
      code: 'ERR_POOL_CLOSED',
    })
  })
})

describe('redirects (urllib3 rules)', () => {
  test('follows relative and absolute redirects and records history', async ({ httpbin: server, pm }) => {
    const resp = await pm.request('GET', `${server.url}/redirect/3`)
    expect(resp.status).toBe(200)
    expect(resp.url).toBe(`${server.url}/get`)
    expect(resp.retries?.history.map((h) => h.status)).toEqual([302, 302, 302])
    const abs = await pm.request('GET', `${server.url}/absolute-redirect/2`)
    expect(abs.status).toBe(200)
  })

  test('redirect: false returns the 3xx and its location', async ({ httpbin: server, pm }) => {
    const resp = await pm.request('GET', `${server.url}/redirect/1`, { redirect: false })
    expect(resp.status).toBe(302)
    expect(resp.getRedirectLocation()).toBeTruthy()
  })

  test('303 turns HEAD into GET too, as urllib3 2.x (issue 13, found by tooling/oracle)', async ({
    httpbin: server,
    pm,
  }) => {
    const to303 = `${server.url}/redirect-to?url=${encodeURIComponent('/anything')}&status_code=303`
    const r = await pm.request('HEAD', to303)
    expect(r.status).toBe(200)
    expect(r.json<Echo>().method).toBe('GET')
    expect(r.retries?.history.map((h) => [h.method, h.status])).toEqual([['GET', 303]]) // as urllib3 records it
  })

  test('303 turns POST into GET without body; 307 keeps method and body', async ({ httpbin: server, pm }) => {
    const to303 = `${server.url}/redirect-to?url=${encodeURIComponent('/anything')}&status_code=303`
    const r303 = await pm.request('POST', to303, {
      body: 'payload',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(r303.json<Echo>().method).toBe('GET')
    expect(r303.json<Echo>().data).toBe('')
    expect(r303.json<Echo>().headers['Content-Type']).toBeUndefined()
    const to307 = `${server.url}/redirect-to?url=${encodeURIComponent('/anything')}&status_code=307`
    const r307 = await pm.request('POST', to307, { body: 'payload' })
    expect(r307.json<Echo>().method).toBe('POST')
    expect(r307.json<Echo>().data).toBe('payload')
  })

  test('Authorization, Cookie and Proxy-Authorization are removed when the origin changes', async ({
    httpbin: server,
    pm,
  }) => {
    await using other = await startHttpbin()
    const target = encodeURIComponent(`${other.url}/headers`)
    const headers = { Authorization: 'Bearer t', Cookie: 'a=b', 'X-Keep': 'k' }
    const resp = await pm.request('GET', `${server.url}/redirect-to?url=${target}`, { headers })
    const seen = resp.json<Echo>().headers
    expect(seen.Authorization).toBeUndefined()
    expect(seen.Cookie).toBeUndefined()
    expect(seen['X-Keep']).toBe('k')
    const same = await pm.request('GET', `${server.url}/redirect-to?url=%2Fheaders`, { headers })
    expect(same.json<Echo>().headers.Authorization).toBe('Bearer t')
  })

  test('too many redirects: MaxRetryError, or the last 3xx with raiseOnRedirect: false', async ({
    httpbin: server,
    pm,
  }) => {
    const error = await pm
      .request('GET', `${server.url}/redirect/5`, { retries: new Retry({ redirect: 2 }) })
      .catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect((error as MaxRetryError).reason).toBeInstanceOf(ResponseError)
    expect((error as MaxRetryError).reason?.message).toBe('too many redirects')
    const resp = await pm.request('GET', `${server.url}/redirect/5`, {
      retries: new Retry({ redirect: 2, raiseOnRedirect: false }),
    })
    expect(resp.status).toBe(302)
    const off = await pm.request('GET', `${server.url}/redirect/2`, { retries: false })
    expect(off.status).toBe(302)
  })
})

describe('status retries', () => {
  test('statusForcelist retries then raises MaxRetryError', async ({ httpbin: server, pm }) => {
    const before = server.hits.get('/status/503') ?? 0
    const retries = new Retry({ total: 2, statusForcelist: [503] })
    const error = await pm.request('GET', `${server.url}/status/503`, { retries }).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect((error as MaxRetryError).history.map((h) => h.status)).toEqual([503, 503, 503])
    expect(server.hits.get('/status/503')! - before).toBe(3)
  })

  test('raiseOnStatus: false returns the last response', async ({ httpbin: server, pm }) => {
    const retries = new Retry({ total: 1, statusForcelist: [500], raiseOnStatus: false })
    const resp = await pm.request('GET', `${server.url}/status/500`, { retries })
    expect(resp.status).toBe(500)
    expect(resp.retries?.history).toHaveLength(1)
  })

  test('POST is not retried on status unless allowed', async ({ httpbin: server, pm }) => {
    const before = server.hits.get('/status/502') ?? 0
    const resp = await pm.request('POST', `${server.url}/status/502`, {
      retries: new Retry({ statusForcelist: [502] }),
    })
    expect(resp.status).toBe(502)
    expect(server.hits.get('/status/502')! - before).toBe(1)
  })

  test('a connection refused is retried per connect count then MaxRetryError(NewConnectionError)', async ({
    pm,
  }) => {
    const dead = await startHttpbin()
    const url = `${dead.url}/get`
    await dead.close()
    const error = await pm.request('GET', url, { retries: new Retry({ total: 2 }) }).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect((error as MaxRetryError).reason?.name).toBe('NewConnectionError')
    expect((error as MaxRetryError).history).toHaveLength(3)
    const direct = await pm.request('GET', url, { retries: false }).catch((e) => e)
    expect(direct.name).toBe('NewConnectionError')
    expect(direct.code).toBe('ERR_POOL_NEW_CONNECTION')
  })
})

describe('Retry-After', () => {
  test('429 with Retry-After is retried by default (no statusForcelist needed) and then succeeds', async () => {
    let calls = 0
    await using http = await startHttpServer((_req, res) => {
      calls++
      if (calls === 1) {
        res.writeHead(429, { 'Retry-After': '0' })
        res.end('slow down')
      } else res.end('ok')
    })
    await using local = new PoolManager()
    const resp = await local.request('GET', http.url)
    expect(resp.text()).toBe('ok')
    expect(resp.retries?.history.map((h) => h.status)).toEqual([429])
    const off = await local.request('GET', http.url, {
      retries: new Retry({ respectRetryAfterHeader: false }),
    })
    expect(off.status).toBe(200)
  })

  test('a Retry-After longer than backoffMax is honoured up to retryAfterMax (issue 13)', async () => {
    let calls = 0
    await using http = await startHttpServer((_req, res) => {
      calls++
      if (calls % 2 === 1) {
        res.writeHead(503, { 'Retry-After': '1' })
        res.end('later')
      } else res.end('ok')
    })
    // the wait each retry takes, as the retry event reports it (the value the request sleeps), not wall time
    const retries = published<{ delay: number }>(channels.retry.name as string)
    const delays = () => retries.map((message) => message.delay)
    await using local = new PoolManager()
    const waited = await local.request('GET', http.url, { retries: new Retry({ total: 1, backoffMax: 0 }) })
    expect(waited.text()).toBe('ok')
    expect(waited.retries?.history.map((h) => h.status)).toEqual([503])
    expect(delays()).toEqual([1000]) // backoffMax caps the backoff, not Retry-After
    const shortened = await local.request('GET', http.url, {
      retries: new Retry({ total: 1, backoffMax: 0, retryAfterMax: 50 }),
    })
    expect(shortened.text()).toBe('ok')
    const capped = await local.request('GET', http.url, {
      retries: new Retry({ total: 1, retryAfterMax: 0 }),
    })
    expect(capped.text()).toBe('ok')
    expect(delays()).toEqual([1000, 50, 0])
    expect(calls).toBe(6)
  })
})
