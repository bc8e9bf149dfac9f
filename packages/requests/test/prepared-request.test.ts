import { Readable } from 'node:stream'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  HTTPBasicAuth,
  InvalidHeader,
  InvalidJSONError,
  InvalidURL,
  MissingSchema,
  type PreparedRequest,
  Request,
  UnrewindableBodyError,
} from '../src/index.js'

const prep = (method: string, url: string, init: ConstructorParameters<typeof Request>[2] = {}) =>
  new Request(method, url, init).prepare()

async function bodyText(p: PreparedRequest): Promise<string> {
  const b = p.body
  if (b === null || b === undefined) return ''
  if (typeof b === 'string') return b
  if (b instanceof Uint8Array) return Buffer.from(b).toString()
  const parts: Buffer[] = []
  for await (const c of b) parts.push(Buffer.from(c))
  return Buffer.concat(parts).toString()
}

// Ported from requests' tests/test_requests.py (URL, params, body and header preparation).
describe('PreparedRequest URLs', () => {
  it.each([
    ['hiwpefhipowhefopw', MissingSchema],
    ['example.com/path', MissingSchema],
    ['', MissingSchema],
    ['http://', InvalidURL],
    ['http://*example.com', InvalidURL],
    ['http://.example.com', InvalidURL],
    ['http://127.0.0.1:99999/', InvalidURL],
    ['http://[::1/', InvalidURL],
  ])('rejects %j', async (url, Err) => {
    await expect(prep('GET', url)).rejects.toBeInstanceOf(Err)
  })

  it('leaves non-HTTP URLs for the adapter lookup (InvalidSchema there)', async () => {
    expect((await prep('GET', 'localhost:3128')).url).toBe('localhost:3128')
    expect((await prep('GET', 'mailto:user@example.test')).url).toBe('mailto:user@example.test')
  })

  it('appends params, repeats array values, drops null', async () => {
    const p = await prep('GET', 'http://example.test/path?a=1', {
      params: { b: ['2', 3], c: null, d: 'x y' },
    })
    expect(p.url).toBe('http://example.test/path?a=1&b=2&b=3&d=x+y')
    expect((await prep('GET', 'http://example.test', { params: [['k', 'v']] })).url).toBe(
      'http://example.test/?k=v',
    )
    expect((await prep('GET', 'http://example.test/?x', { params: 'test=foo' })).url).toBe(
      'http://example.test/?x&test=foo',
    )
  })

  it('IDNA-encodes hosts and keeps fragments', async () => {
    expect((await prep('GET', 'http://☃.net/')).url).toBe('http://xn--n3h.net/')
    expect((await prep('GET', 'http://example.test/a#frag')).url).toBe('http://example.test/a#frag')
  })

  it('moves URL credentials into Basic auth and out of the URL', async () => {
    const p = await prep('GET', 'http://us%40er:p%3Ass@example.test/')
    expect(p.url).toBe('http://example.test/')
    expect(p.headers.get('authorization')).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`)
    expect(inspect(p)).toBe('<PreparedRequest [GET]>')
  })

  it('explicit auth beats URL credentials', async () => {
    const p = await prep('GET', 'http://a:b@example.test/', { auth: ['c', 'd'] })
    expect(p.headers.get('authorization')).toBe(
      new HTTPBasicAuth('c', 'd').apply(p).headers.get('authorization'),
    )
    expect(p.headers.get('authorization')).toBe(`Basic ${Buffer.from('c:d').toString('base64')}`)
  })
})

describe('PreparedRequest headers', () => {
  it.each([
    [{ foo: 'bar\r\nbaz: qux' }],
    [{ foo: 'bar\nbaz' }],
    [{ foo: ' leading' }],
    [{ 'fo o:': 'bar' }],
    [{ ' foo': 'bar' }],
    [{ foo: 1 as unknown as string }],
  ])('rejects invalid header %j with InvalidHeader', async (headers) => {
    await expect(prep('GET', 'http://example.test/', { headers })).rejects.toBeInstanceOf(InvalidHeader)
  })

  it('never echoes a header value in the message', async () => {
    const err = await prep('GET', 'http://example.test/', {
      headers: { Authorization: 'Bearer s3cret\r\n' },
    }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(InvalidHeader)
    expect((err as Error).message).not.toContain('s3cret')
  })

  it('accepts empty values and drops undefined ones', async () => {
    const p = await prep('GET', 'http://example.test/', { headers: { a: '', b: undefined } })
    expect(p.headers.get('a')).toBe('')
    expect(p.headers.has('b')).toBe(false)
  })
})

describe('PreparedRequest bodies', () => {
  it('form-encodes objects and sets Content-Type and Content-Length', async () => {
    const p = await prep('POST', 'http://example.test/', { data: { a: 'b c', list: ['1', '2'] } })
    expect(await bodyText(p)).toBe('a=b+c&list=1&list=2')
    expect(p.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(p.headers.get('content-length')).toBe('19')
  })

  it('json when data is empty; data wins otherwise; unserializable json is InvalidJSONError', async () => {
    const p = await prep('POST', 'http://example.test/', { json: { a: 1 } })
    expect(await bodyText(p)).toBe('{"a":1}')
    expect(p.headers.get('content-type')).toBe('application/json')
    const q = await prep('POST', 'http://example.test/', { data: 'raw', json: { a: 1 } })
    expect(await bodyText(q)).toBe('raw')
    expect(q.headers.has('content-type')).toBe(false)
    await expect(prep('POST', 'http://example.test/', { json: { n: 1n } })).rejects.toBeInstanceOf(
      InvalidJSONError,
    )
  })

  it('Content-Length 0 for bodiless POST but not GET/HEAD', async () => {
    expect((await prep('POST', 'http://example.test/')).headers.get('content-length')).toBe('0')
    expect((await prep('GET', 'http://example.test/')).headers.has('content-length')).toBe(false)
    expect((await prep('HEAD', 'http://example.test/')).headers.has('content-length')).toBe(false)
  })

  it('streams of unknown length are chunked and not rewindable once used', async () => {
    const p = await prep('POST', 'http://example.test/', { data: Readable.from([Buffer.from('ab'), 'cd']) })
    expect(p.headers.get('transfer-encoding')).toBe('chunked')
    expect(p.headers.has('content-length')).toBe(false)
    expect(await bodyText(p)).toBe('abcd')
    p.bodyUsed = true
    expect(() => p.rewindBody()).toThrow(UnrewindableBodyError)
  })

  it('multipart files with filename, content type, headers and form fields; rewindable when in memory', async () => {
    const p = await prep('POST', 'http://example.test/', {
      data: { field: 'value' },
      files: {
        a: ['a.txt', 'hello', 'text/plain', { 'X-Part': '1' }],
        b: Buffer.from('bytes'),
        c: { filename: 'q"uote.bin', content: new Uint8Array([1, 2]) },
      },
    })
    const ct = p.headers.get('content-type')!
    expect(ct).toMatch(/^multipart\/form-data; boundary=[0-9a-f]{32}$/)
    const text = await bodyText(p)
    expect(Buffer.byteLength(text, 'latin1')).toBe(Number(p.headers.get('content-length')))
    expect(text).toContain('name="field"\r\n\r\nvalue\r\n')
    expect(text).toContain('name="a"; filename="a.txt"\r\nX-Part: 1\r\nContent-Type: text/plain\r\n\r\nhello')
    expect(text).toContain('name="b"; filename="b"')
    expect(text).toContain('filename="q%22uote.bin"')
    p.bodyUsed = true
    p.rewindBody()
    expect(await bodyText(p)).toBe(text.replace(/\r\n/g, '\r\n'))
  })

  it('multipart with a stream part is chunked and not buffered', async () => {
    let pulled = 0
    async function* gen() {
      for (let i = 0; i < 3; i++) {
        pulled++
        yield Buffer.from(`chunk${i}`)
      }
    }
    const p = await prep('POST', 'http://example.test/', { files: { f: ['f.bin', gen()] } })
    expect(pulled).toBe(0)
    expect(p.headers.get('transfer-encoding')).toBe('chunked')
    expect(await bodyText(p)).toContain('chunk0chunk1chunk2')
  })

  it('rejects string data with files', async () => {
    await expect(prep('POST', 'http://example.test/', { data: 'x', files: { f: 'y' } })).rejects.toThrow(
      TypeError,
    )
  })
})
