// Issue 11, items 6 and 7: the cheaper paths (environment read once per event-loop turn for module-level calls,
// redirect hops reusing their next request, cookie jars without tough-cookie until a domain cookie) keep what users
// rely on.
import { startProxy } from '@x/testserver'
import { httpbinTest as it } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import * as requests from '../src/index.js'
import { RequestsCookieJar, Session } from '../src/index.js'
import { hostnameOf } from '../src/session/redirects.js'

const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy',
] as const

describe('module-level calls and process.env (issue 11)', () => {
  it('a change of HTTP_PROXY / NO_PROXY between calls is honoured by the next call', async ({ httpbin }) => {
    await using proxy = await startProxy()
    const saved = Object.fromEntries(PROXY_VARIABLES.map((k) => [k, process.env[k]]))
    for (const k of PROXY_VARIABLES) delete process.env[k]
    try {
      const url = `${httpbin.url}/get`
      await requests.get(url)
      expect(proxy.stats.requests).toBe(0)
      process.env.HTTP_PROXY = proxy.url
      expect((await requests.get(url)).statusCode).toBe(200)
      expect(proxy.stats.requests).toBe(1)
      expect(proxy.stats.seen.at(-1)?.target).toBe(url)
      process.env.NO_PROXY = '127.0.0.1'
      await requests.get(url)
      expect(proxy.stats.requests).toBe(1)
      delete process.env.NO_PROXY
      await requests.get(url)
      expect(proxy.stats.requests).toBe(2)
      delete process.env.HTTP_PROXY
      await requests.get(url)
      expect(proxy.stats.requests).toBe(2)
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  })

  it('calls started in one turn share one read of the environment; the next turn reads it again', async ({
    httpbin,
  }) => {
    await using proxy = await startProxy()
    const saved = Object.fromEntries(PROXY_VARIABLES.map((k) => [k, process.env[k]]))
    for (const k of PROXY_VARIABLES) delete process.env[k]
    try {
      const url = `${httpbin.url}/get`
      const first = requests.get(url)
      // Same turn: the snapshot taken by the first call is used (a documented difference from Python).
      process.env.HTTP_PROXY = proxy.url
      const second = requests.get(url)
      await Promise.all([first, second])
      expect(proxy.stats.requests).toBe(0)
      await new Promise((resolve) => setImmediate(resolve))
      await requests.get(url)
      expect(proxy.stats.requests).toBe(1)
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  })
})

describe('redirect hops (issue 11)', () => {
  it('each hop in history carries the request that followed it; cookies and fragments still travel', async ({
    httpbin,
  }) => {
    await using s = new Session()
    const r = await s.get(`${httpbin.url}/redirect-to?url=${encodeURIComponent('/cookies/set?a=1')}#frag`)
    expect(r.json()).toEqual({ cookies: { a: '1' } })
    expect(r.history.map((h) => h.statusCode)).toEqual([302, 302])
    expect(r.url).toBe(`${httpbin.url}/cookies#frag`)
    // history[i].next is the request sent for hop i + 1 (requests' `_next`), built once per hop.
    expect(r.history[1]?.next?.url).toBe(r.url)
    expect(r.history[1]?.next?.headers.get('cookie')).toBe('a=1')
    expect(r.request.headers.get('cookie')).toBe('a=1')
  })
})

describe('cookie jars build tough-cookie on first need', () => {
  it('a cookie stored through toughJar is seen by the jar', async () => {
    const jar = new RequestsCookieJar()
    expect(jar.size).toBe(0)
    await jar.toughJar.setCookie('k=v; Domain=example.test; Path=/', 'http://example.test/')
    expect(jar.get('k')).toBe('v')
    expect(jar.cookieHeader('http://example.test/x')).toBe('k=v')
    expect(jar.copy().get('k')).toBe('v')
  })

  it('an empty jar copies and merges to an empty jar; domain-less cookies still merge', () => {
    const empty = new RequestsCookieJar()
    const other = new RequestsCookieJar({ a: '1' })
    expect(other.copy().update(empty).getDict()).toEqual({ a: '1' })
    expect(empty.copy().update(other).getDict()).toEqual({ a: '1' })
    expect(empty.size).toBe(0)
  })
})

describe('hostnameOf', () => {
  it('matches new URL(url).hostname', () => {
    for (const url of [
      'http://a.test/',
      'http://a.test:8080/x?y#z',
      'https://[::1]:8443/',
      'http://[::1]/',
      'http://127.0.0.1:1/p',
      'http://u:p@a.test:1/',
      'http://b.test/#x:y',
    ]) {
      expect(hostnameOf(url)).toBe(new URL(url).hostname)
    }
  })
})

describe('redirect targets resolved before', () => {
  it('carry the fragment of each request, not of the first one that took the redirect', async ({
    httpbin,
  }) => {
    await using s = new Session()
    const base = `${httpbin.url}/redirect-to?url=${encodeURIComponent('/get')}`
    for (const fragment of ['#one', '#two', '']) {
      const r = await s.get(`${base}${fragment}`)
      expect(r.url).toBe(`${httpbin.url}/get${fragment}`)
    }
  })
})
