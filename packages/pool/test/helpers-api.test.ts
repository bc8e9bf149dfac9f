import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { encodeMultipartFormData, LocationParseError, makeHeaders, parseUrl } from '../src/index.js'

describe('parseUrl', () => {
  test('splits like urllib3', () => {
    const u = parseUrl('https://user:p%40ss@example.test:8443/a/b?x=1&y=2#frag')
    expect(u.scheme).toBe('https')
    expect(u.auth).toBe('user:p@ss')
    expect(u.host).toBe('example.test')
    expect(u.port).toBe(8443)
    expect(u.path).toBe('/a/b')
    expect(u.query).toBe('x=1&y=2')
    expect(u.fragment).toBe('frag')
    expect(u.requestUri).toBe('/a/b?x=1&y=2')
    expect(u.netloc).toBe('example.test:8443')
    expect(u.url).toBe('https://user:p%40ss@example.test:8443/a/b?x=1&y=2#frag')
  })

  test('missing pieces are undefined', () => {
    const bare = parseUrl('http://example.test')
    expect(bare.path).toBeUndefined()
    expect(bare.port).toBeUndefined()
    expect(bare.requestUri).toBe('/')
    const noScheme = parseUrl('example.test/mail')
    expect(noScheme.scheme).toBeUndefined()
    expect(noScheme.host).toBe('example.test')
    expect(noScheme.path).toBe('/mail')
    expect(parseUrl('http://[::1]:8080/').hostname).toBe('::1')
  })

  test('credentials stay out of toString and inspect', () => {
    const u = parseUrl('http://user:hunter2@h/x')
    expect(String(u)).toBe('http://h/x')
    expect(inspect(u)).not.toContain('hunter2')
  })

  test('invalid input is LocationParseError without credentials', () => {
    for (const bad of ['http://u:hunter2@exa mple.test/', 'http://h/a\r\nb', 'http://[::1']) {
      const error = (() => {
        try {
          parseUrl(bad)
        } catch (e) {
          return e as Error
        }
      })()
      expect(error).toBeInstanceOf(LocationParseError)
      expect(error!.message).not.toContain('hunter2')
    }
  })
})

describe('encodeMultipartFormData', () => {
  test('fields and files, with a given boundary', () => {
    const { body, contentType } = encodeMultipartFormData(
      [
        ['name', 'value'],
        ['file', ['a.json', '{}']],
        ['raw', ['b.bin', new Uint8Array([1, 2]), 'application/x-thing']],
      ],
      'BOUNDARY',
    )
    expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY')
    expect(Buffer.from(body).toString('latin1')).toBe(
      '--BOUNDARY\r\nContent-Disposition: form-data; name="name"\r\n\r\nvalue\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n{}\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="raw"; filename="b.bin"\r\nContent-Type: application/x-thing\r\n\r\n\x01\x02\r\n' +
        '--BOUNDARY--\r\n',
    )
  })

  test('quotes and newlines in names are escaped; random boundary by default', () => {
    const { body, contentType } = encodeMultipartFormData({ 'a"b\r\nc': 'v' })
    expect(Buffer.from(body).toString()).toContain('name="a%22b%0D%0Ac"')
    expect(contentType).toMatch(/boundary=[0-9a-f]{32}$/)
    expect(() => encodeMultipartFormData({}, 'bad boundary\r\n')).toThrow(TypeError)
  })
})

describe('makeHeaders', () => {
  test('builds urllib3 make_headers output', () => {
    expect(
      makeHeaders({
        keepAlive: true,
        acceptEncoding: true,
        userAgent: 'ua/1',
        basicAuth: 'user:pass',
        proxyBasicAuth: ['p', 'q'],
        disableCache: true,
      }),
    ).toEqual({
      connection: 'keep-alive',
      'accept-encoding': 'gzip,deflate,br,zstd',
      'user-agent': 'ua/1',
      authorization: `Basic ${Buffer.from('user:pass').toString('base64')}`,
      'proxy-authorization': `Basic ${Buffer.from('p:q').toString('base64')}`,
      'cache-control': 'no-cache',
    })
    expect(makeHeaders({ acceptEncoding: ['gzip', 'br'] })).toEqual({ 'accept-encoding': 'gzip,br' })
    expect(makeHeaders()).toEqual({})
  })
})
