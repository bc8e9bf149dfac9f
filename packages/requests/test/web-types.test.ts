import { describe, expect } from 'vitest'
import * as requests from '../src/index.js'
import { Session } from '../src/index.js'
import { it as test } from './fixtures.js'

// Issue 14: web-standard types accepted wherever their Python counterparts are, in types and at run time.

interface Echo {
  form: Record<string, string | string[]>
  files: Record<string, string | string[]>
  data: string
  args: Record<string, string | string[]>
  headers: Record<string, string>
  json: unknown
}

describe('FormData', () => {
  test('is sent as multipart/form-data with the file bytes, name and type, not "[object File]"', async ({
    httpbin,
    s,
  }) => {
    const form = new FormData()
    form.append('title', 'holiday')
    form.append('tags', 'a')
    form.append('tags', 'b')
    form.append('photo', new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'p.png', { type: 'image/png' }))
    form.append('notes', new Blob(['line 1\nline 2'], { type: 'text/plain' }))
    const r = await s.post(`${httpbin.url}/post`, { data: form })
    const echo = r.json<Echo>()
    expect(r.request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/)
    expect(echo.form).toEqual({ title: 'holiday', tags: ['a', 'b'] })
    expect(echo.files.photo).toBe('data:image/png;base64,iVBORw==')
    expect(echo.files.notes).toBe('line 1\nline 2')
    expect(JSON.stringify(echo)).not.toContain('[object File]')
    // the part headers name the file and its type
    const prepared = await new requests.Request('POST', `${httpbin.url}/post`, { data: form }).prepare()
    let raw = ''
    for await (const chunk of prepared.body as AsyncIterable<Uint8Array>)
      raw += Buffer.from(chunk).toString('latin1')
    expect(raw).toContain(
      'Content-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png',
    )
    expect(raw).toContain('name="notes"; filename="blob"')
  })

  test('files given beside a FormData are added after its entries', async ({ httpbin, s }) => {
    const form = new FormData()
    form.append('a', '1')
    const r = await s.post(`${httpbin.url}/post`, { data: form, files: { extra: ['x.txt', 'extra text'] } })
    expect(r.json<Echo>().form).toEqual({ a: '1' })
    expect(r.json<Echo>().files).toEqual({ extra: 'extra text' })
  })

  test('a FormData body is sent again whole on a 307 redirect', async ({ httpbin, s }) => {
    const form = new FormData()
    form.append('doc', new File(['payload'], 'doc.txt', { type: 'text/plain' }))
    const r = await s.post(`${httpbin.url}/redirect-to`, {
      params: { url: '/post', status_code: '307' },
      data: form,
    })
    expect(r.history.map((h) => h.statusCode)).toEqual([307])
    expect(r.json<Echo>().files).toEqual({ doc: 'payload' })
  })
})

test('URL objects as the url of module functions, session methods and request()', async ({ httpbin, s }) => {
  const url = new URL('/get?a=1', httpbin.url)
  expect((await requests.get(url)).json<Echo>().args).toEqual({ a: '1' })
  expect((await s.get(url, { params: { b: '2' } })).json<Echo>().args).toEqual({ a: '1', b: '2' })
  expect((await s.request('GET', url)).statusCode).toBe(200)
  await expect(s.get(42 as never)).rejects.toBeInstanceOf(requests.URLRequired)
})

test('URLSearchParams as data (form-encoded) and as params', async ({ httpbin, s }) => {
  const r = await s.post(`${httpbin.url}/post`, {
    data: new URLSearchParams([
      ['k', 'v 1'],
      ['k', 'v2'],
    ]),
    params: new URLSearchParams({ q: 'x' }),
  })
  expect(r.json<Echo>().form).toEqual({ k: ['v 1', 'v2'] })
  expect(r.json<Echo>().args).toEqual({ q: 'x' })
  expect(r.request.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
})

test('Headers as session and request headers', async ({ httpbin }) => {
  await using session = new Session({ headers: new Headers({ 'X-Session': 's' }) })
  const r = await session.get(`${httpbin.url}/headers`, { headers: new Headers([['X-Request', 'r']]) })
  expect(r.json<Echo>().headers).toMatchObject({ 'X-Session': 's', 'X-Request': 'r' })
})

test('a web ReadableStream as data and as a file part', async ({ httpbin, s }) => {
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed '))
        controller.enqueue(new TextEncoder().encode('body'))
        controller.close()
      },
    })
  const r = await s.post(`${httpbin.url}/post`, { data: stream(), headers: { 'Content-Type': 'text/plain' } })
  expect(r.json<Echo>().data).toBe('streamed body')
  const f = await s.post(`${httpbin.url}/post`, { files: { up: ['s.txt', stream(), 'text/plain'] } })
  expect(f.json<Echo>().files).toEqual({ up: 'streamed body' })
})

describe('Response', () => {
  test('for await iterates the body (streamed or read)', async ({ httpbin, s }) => {
    const streamed = await s.get(`${httpbin.url}/bytes/5000?seed=1`, { stream: true })
    let n = 0
    for await (const chunk of streamed) n += chunk.byteLength
    expect(n).toBe(5000)
    const read = await s.get(`${httpbin.url}/bytes/100?seed=1`)
    const chunks: Uint8Array[] = []
    for await (const chunk of read) chunks.push(chunk)
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(read.content))
  })

  test('String(response) is <Response [200]>, as Python prints it', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/status/418`)
    expect(String(r)).toBe('<Response [418]>')
    expect(`${r}`).toBe('<Response [418]>')
  })
})
