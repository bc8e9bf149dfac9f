import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { RequestsCookieJar } from '../src/index.js'

// Ported from requests' tests/test_requests.py (cookie jar dict interface) plus RFC 6265 rules via tough-cookie.
describe('RequestsCookieJar dict interface', () => {
  it('set/get/has/delete and domain-less cookies go everywhere', () => {
    const jar = new RequestsCookieJar()
    jar.set('some_cookie', 'some_value')
    jar.set('other', 'x', { domain: 'example.test', path: '/a' })
    expect(jar.get('some_cookie')).toBe('some_value')
    expect(jar.has('other')).toBe(true)
    expect(jar.get('other', { domain: 'nope.test' })).toBeUndefined()
    expect(jar.cookieHeader('http://anything.test/')).toBe('some_cookie=some_value')
    expect(jar.cookieHeader('http://example.test/a/b')).toBe('other=x; some_cookie=some_value')
    expect(jar.delete('some_cookie')).toBe(1)
    expect(jar.has('some_cookie')).toBe(false)
  })

  it('set(name, null) removes the cookie', () => {
    const jar = new RequestsCookieJar({ a: '1' })
    jar.set('a', null)
    expect(jar.size).toBe(0)
  })

  it('keys, values, entries, getDict, listDomains, listPaths, multipleDomains', () => {
    const jar = new RequestsCookieJar()
    jar.set('k1', 'v1', { domain: 'one.test', path: '/' })
    jar.set('k2', 'v2', { domain: 'two.test', path: '/p' })
    expect(jar.keys().sort()).toEqual(['k1', 'k2'])
    expect(jar.values().sort()).toEqual(['v1', 'v2'])
    expect(jar.entries().sort()).toEqual([
      ['k1', 'v1'],
      ['k2', 'v2'],
    ])
    expect(jar.getDict({ domain: 'two.test' })).toEqual({ k2: 'v2' })
    expect(jar.getDict({ path: '/p' })).toEqual({ k2: 'v2' })
    expect(jar.listDomains().sort()).toEqual(['one.test', 'two.test'])
    expect(jar.listPaths().sort()).toEqual(['/', '/p'])
    expect(jar.multipleDomains()).toBe(true)
  })

  it('copy and update are independent merges', () => {
    const a = new RequestsCookieJar({ a: '1' })
    const b = a.copy()
    b.set('b', '2')
    expect(a.has('b')).toBe(false)
    a.update(b)
    expect(a.getDict()).toEqual({ a: '1', b: '2' })
    a.update({ a: '3' })
    expect(a.get('a')).toBe('3')
  })

  it('inspect never shows values', () => {
    const jar = new RequestsCookieJar({ session: 'very-secret' })
    expect(inspect(jar)).not.toContain('very-secret')
    expect(inspect(jar)).toContain('session')
  })
})

describe('RequestsCookieJar RFC 6265 rules', () => {
  it('host-only, domain and path matching', () => {
    const jar = new RequestsCookieJar()
    jar.extractCookies(
      ['host=1', 'dom=2; Domain=example.test', 'p=3; Path=/docs'],
      'http://www.example.test/x',
    )
    expect(jar.cookieHeader('http://www.example.test/')).toBe('host=1; dom=2')
    expect(jar.cookieHeader('http://api.example.test/')).toBe('dom=2')
    expect(jar.cookieHeader('http://www.example.test/docs/a')).toBe('p=3; host=1; dom=2')
    expect(jar.cookieHeader('http://other.test/')).toBe('')
  })

  it('rejects cookies for public suffixes and foreign domains', () => {
    const jar = new RequestsCookieJar()
    expect(jar.extractCookies(['a=1; Domain=co.uk'], 'http://foo.co.uk/')).toHaveLength(0)
    expect(jar.extractCookies(['b=1; Domain=other.test'], 'http://foo.example.test/')).toHaveLength(0)
    expect(jar.size).toBe(0)
  })

  it('Secure cookies only over https; expired cookies dropped; Max-Age honoured', () => {
    const jar = new RequestsCookieJar()
    jar.extractCookies(
      ['s=1; Secure', 'gone=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'm=1; Max-Age=3600'],
      'https://x.test/',
    )
    expect(jar.cookieHeader('http://x.test/')).toBe('m=1')
    expect(jar.cookieHeader('https://x.test/')).toBe('s=1; m=1')
    jar.extractCookies(['m=1; Max-Age=0'], 'https://x.test/')
    expect(jar.cookieHeader('https://x.test/')).toBe('s=1')
  })

  it('HttpOnly cookies are still sent by an HTTP client; SameSite=Strict withheld cross-site', () => {
    const jar = new RequestsCookieJar()
    jar.extractCookies(['h=1; HttpOnly', 'st=1; SameSite=Strict', 'lx=1; SameSite=Lax'], 'http://site.test/')
    expect(jar.cookieHeader('http://site.test/')).toBe('h=1; st=1; lx=1')
    expect(jar.cookieHeader('http://site.test/', 'lax')).toBe('h=1; lx=1')
    expect(jar.cookieHeader('http://site.test/', 'none')).toBe('h=1')
  })

  it('localhost and IP addresses work (special-use domains allowed)', () => {
    const jar = new RequestsCookieJar()
    jar.extractCookies(['a=1'], 'http://127.0.0.1:8080/')
    jar.extractCookies(['b=2'], 'http://localhost:8080/')
    expect(jar.cookieHeader('http://127.0.0.1:9/')).toBe('a=1')
    expect(jar.cookieHeader('http://localhost/')).toBe('b=2')
  })
})
