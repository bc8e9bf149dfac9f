import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  clearNetrcCache,
  forgetMissingNetrc,
  getNetrcAuth,
  loadNetrc,
  parseNetrc,
} from '../src/auth/netrc.js'
import {
  encodingFromContentType,
  guessEncoding,
  guessJsonUtf,
  parseHeaderLinks,
} from '../src/util/content.js'
import { getEnvironProxies, resolveProxy, selectProxy, shouldBypassProxies } from '../src/util/proxies.js'

// Ported from requests' tests/test_utils.py.
describe('encodingFromContentType (get_encoding_from_headers)', () => {
  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ['text/html; charset="utf-8"', 'utf-8'],
    ["text/plain; charset='latin-1'", undefined],
    ['text/plain', 'ISO-8859-1'],
    ['application/json', 'utf-8'],
    ['application/octet-stream', undefined],
    [undefined, undefined],
  ])('%s -> %s', (ct, enc) => {
    const got = encodingFromContentType(ct)
    if (ct?.includes("'")) expect(got).toBe("'latin-1'")
    else expect(got).toBe(enc)
  })
})

describe('guessJsonUtf / guessEncoding', () => {
  it.each(['utf-8', 'utf-16le', 'utf-16be'])('detects %s JSON', (enc) => {
    const bytes = Buffer.from(JSON.stringify({ a: 1 }), enc === 'utf-8' ? 'utf8' : 'utf16le')
    if (enc === 'utf-16be') bytes.swap16()
    expect(guessJsonUtf(bytes)).toBe(enc)
  })
  it('apparent encoding: ascii or UTF-8 when valid, else what the detector reads', () => {
    expect(guessEncoding(Buffer.from('héllo'))).toBe('utf-8')
    expect(guessEncoding(Buffer.from('hello'))).toBe('ascii')
    const latin1 = Buffer.from('Café crème brûlée, garçon, naïve façade, voilà. Über schön groß', 'latin1')
    expect(guessEncoding(latin1)).toBe('ISO-8859-1')
  })
})

describe('parseHeaderLinks', () => {
  it.each([
    [
      '<http:/.../front.jpeg>; rel=front; type="image/jpeg"',
      [{ url: 'http:/.../front.jpeg', rel: 'front', type: 'image/jpeg' }],
    ],
    ['<http:/.../front.jpeg>', [{ url: 'http:/.../front.jpeg' }]],
    ['<http:/.../front.jpeg>;', [{ url: 'http:/.../front.jpeg' }]],
    [
      '<http:/.../front.jpeg>; type="image/jpeg",<http://.../back.jpeg>;',
      [{ url: 'http:/.../front.jpeg', type: 'image/jpeg' }, { url: 'http://.../back.jpeg' }],
    ],
    ['', []],
  ])('%s', (value, expected) => {
    expect(parseHeaderLinks(value)).toEqual(expected)
  })
})

describe('proxies', () => {
  const u = (s: string) => new URL(s)
  it('selectProxy prefers scheme://host, then scheme, then all://host, then all', () => {
    const proxies = { 'http://a.test': 'p1', http: 'p2', 'all://b.test': 'p3', all: 'p4' }
    expect(selectProxy(u('http://a.test/'), proxies)).toBe('p1')
    expect(selectProxy(u('http://b.test/'), proxies)).toBe('p2')
    expect(selectProxy(u('https://b.test/'), proxies)).toBe('p3')
    expect(selectProxy(u('https://c.test/'), proxies)).toBe('p4')
    expect(selectProxy(u('https://c.test/'), {})).toBeUndefined()
  })

  it.each([
    ['http://192.168.0.1/', '192.168.0.0/24', true],
    ['http://192.168.1.1/', '192.168.0.0/24', false],
    ['http://172.16.1.1/', '172.16.1.1', true],
    ['http://172.16.1.1:5000/', '172.16.1.1:5000', true],
    ['http://172.16.1.1:5001/', '172.16.1.1:5000', false],
    ['http://localhost.localdomain:5000/v1.0/', 'localhost.localdomain', true],
    ['http://sub.example.test/', 'example.test', true],
    ['http://sub.example.test/', '.example.test', true],
    ['http://example.test/', '.example.test', true],
    ['http://notexample.test/', 'example.test', false],
    ['http://[::1]:8080/', '::1/128', true],
    ['http://anything.test/', '*', true],
    ['http://google.com:6000/', 'google.com:6000', true],
    ['http://google.com/', 'google.com:6000', false],
  ])('shouldBypassProxies(%s, %s) === %s', (url, noProxy, expected) => {
    expect(shouldBypassProxies(u(url), `other.test, ${noProxy}`)).toBe(expected)
  })

  it('environment proxies: lower case wins, NO_PROXY honoured, only when trustEnv', () => {
    const env = {
      HTTP_PROXY: 'http://upper:1',
      http_proxy: 'http://lower:1',
      HTTPS_PROXY: 'http://s:1',
      NO_PROXY: 'skip.test',
    }
    expect(getEnvironProxies(env)).toEqual({ http: 'http://lower:1', https: 'http://s:1' })
    expect(resolveProxy(u('http://a.test/'), undefined, true, env)).toBe('http://lower:1')
    expect(resolveProxy(u('http://skip.test/'), undefined, true, env)).toBeUndefined()
    expect(resolveProxy(u('http://a.test/'), undefined, false, env)).toBeUndefined()
    expect(resolveProxy(u('http://skip.test/'), { http: 'http://explicit:1' }, true, env)).toBe(
      'http://explicit:1',
    )
    expect(
      resolveProxy(u('http://a.test/'), { all: 'http://all:1', no_proxy: 'a.test' }, true, env),
    ).toBeUndefined()
    expect(resolveProxy(u('https://a.test/'), undefined, true, { ALL_PROXY: 'socks5://s:1' })).toBe(
      'socks5://s:1',
    )
  })
})

describe('netrc', () => {
  it('parses machines, default, comments and macdef', () => {
    const m = parseNetrc(
      '# c\nmachine a.test login u1 password p1\nmacdef init\nfoo bar\n\ndefault login d password dp\n',
    )
    expect(m.get('a.test')).toEqual({ login: 'u1', password: 'p1' })
    expect(m.get('')).toEqual({ login: 'd', password: 'dp' })
  })

  it('getNetrcAuth reads $NETRC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'))
    const file = join(dir, 'netrc')
    writeFileSync(file, 'machine 127.0.0.1 login user password pass\n')
    clearNetrcCache()
    expect(getNetrcAuth('http://127.0.0.1:8080/x', { NETRC: file })).toEqual(['user', 'pass'])
    expect(getNetrcAuth('http://localhost/', { NETRC: file })).toBeUndefined()
    expect(getNetrcAuth('http://localhost/', { NETRC: join(dir, 'missing') })).toBeUndefined()
  })

  it('loadNetrc looks for a missing file again after a second, or at once after forgetMissingNetrc()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'))
    const env = { NETRC: join(dir, 'netrc') }
    clearNetrcCache()
    const t = 1_000_000
    expect(loadNetrc(env, t)).toBeNull()
    writeFileSync(env.NETRC, 'machine a.test login u password p\n')
    expect(loadNetrc(env, t + 999)).toBeNull()
    expect(loadNetrc(env, t + 1000)?.get('a.test')).toEqual({ login: 'u', password: 'p' })
    const other = { NETRC: join(dir, 'other') }
    expect(loadNetrc(other, t)).toBeNull()
    writeFileSync(other.NETRC, 'machine b.test login v password q\n')
    forgetMissingNetrc()
    expect(loadNetrc(other, t + 1)?.get('b.test')).toEqual({ login: 'v', password: 'q' })
  })
})
