import { Agent, request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'
import { get, json } from './helpers.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
})
afterAll(() => httpbin.close())

describe('httpbin echo', () => {
  it('GET /get echoes args (repeated keys as arrays), Title-Case headers, origin and url', async () => {
    const res = await fetch(`${httpbin.url}/get?a=1&a=2&b=x%20y`, { headers: { 'x-custom-header': 'v' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const body = await json(res)
    expect(body.args).toEqual({ a: ['1', '2'], b: 'x y' })
    expect(body.headers['X-Custom-Header']).toBe('v')
    expect(body.headers.Host).toBe(`127.0.0.1:${httpbin.port}`)
    expect(body.origin).toBe('127.0.0.1')
    expect(body.url).toBe(`${httpbin.url}/get?a=1&a=2&b=x%20y`)
    expect(body.method).toBe('GET')
  })

  it('joins a repeated request header with a comma', async () => {
    const res = await get(`${httpbin.url}/headers`, { headers: { 'X-Twice': ['a', 'b'] } })
    expect(JSON.parse(res.body.toString()).headers['X-Twice']).toBe('a,b')
  })

  it('POST /post parses a JSON body into json and keeps the raw text in data', async () => {
    const res = await fetch(`${httpbin.url}/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: [1, 2] }),
    })
    const body = await json(res)
    expect(body).toMatchObject({
      json: { x: [1, 2] },
      data: '{"x":[1,2]}',
      form: {},
      files: {},
      method: 'POST',
    })
  })

  it('POST /post decodes urlencoded forms into form', async () => {
    const res = await fetch(`${httpbin.url}/post`, {
      method: 'POST',
      body: new URLSearchParams('k=1&k=2&z=3'),
    })
    const body = await json(res)
    expect(body).toMatchObject({ form: { k: ['1', '2'], z: '3' }, data: '', json: null })
  })

  it('POST /post splits multipart fields into form and file parts into files', async () => {
    const form = new FormData()
    form.append('field', 'value')
    form.append('upload', new Blob(['file text']), 'a.txt')
    form.append('binary', new Blob([new Uint8Array([0xff, 0x00])], { type: 'image/x-test' }), 'b.bin')
    const body = await json(await fetch(`${httpbin.url}/post`, { method: 'POST', body: form }))
    expect(body.form).toEqual({ field: 'value' })
    expect(body.files).toEqual({ upload: 'file text', binary: 'data:image/x-test;base64,/wA=' })
  })

  it('shows a non-UTF-8 raw body as a base64 data URL', async () => {
    const res = await get(`${httpbin.url}/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0xff, 0xfe]),
    })
    expect(JSON.parse(res.body.toString()).data).toBe('data:application/octet-stream;base64,//4=')
  })

  it.each(['PUT', 'PATCH', 'DELETE'])('%s /%s echoes the body', async (method) => {
    const res = await fetch(`${httpbin.url}/${method.toLowerCase()}`, { method, body: 'text' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ data: 'text', method })
  })

  it('/anything accepts any method and sub-path', async () => {
    const body = await json(await fetch(`${httpbin.url}/anything/deep/path?q=1`, { method: 'PATCH' }))
    expect(body).toMatchObject({
      method: 'PATCH',
      args: { q: '1' },
      url: `${httpbin.url}/anything/deep/path?q=1`,
    })
  })

  it('answers 405 with Allow for a method the route does not take, and OPTIONS with 200', async () => {
    const res = await fetch(`${httpbin.url}/get`, { method: 'POST' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toContain('GET')
    const options = await fetch(`${httpbin.url}/post`, { method: 'OPTIONS' })
    expect(options.status).toBe(200)
    expect(options.headers.get('allow')).toContain('POST')
  })

  it('HEAD /get sends the headers without a body', async () => {
    const res = await get(`${httpbin.url}/get`, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0)
    expect(res.body.length).toBe(0)
  })

  it('/headers, /ip and /user-agent', async () => {
    const headers = await json(await fetch(`${httpbin.url}/headers`, { headers: { 'user-agent': 'ua/1' } }))
    expect(headers.headers['User-Agent']).toBe('ua/1')
    expect(await (await fetch(`${httpbin.url}/ip`)).json()).toEqual({ origin: '127.0.0.1' })
    const ua = await json(await fetch(`${httpbin.url}/user-agent`, { headers: { 'user-agent': 'ua/2' } }))
    expect(ua).toEqual({ 'user-agent': 'ua/2' })
  })

  it('answers 404 for unknown paths and counts hits per path', async () => {
    const before = httpbin.hits.get('/nope') ?? 0
    expect((await fetch(`${httpbin.url}/nope?x=1`)).status).toBe(404)
    expect((await fetch(`${httpbin.url}/nope`)).status).toBe(404)
    expect(httpbin.hits.get('/nope')).toBe(before + 2)
  })

  it('keeps connections alive across requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const localPorts: number[] = []
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        request(`${httpbin.url}/get`, { agent }, (res) => {
          localPorts.push(res.socket.localPort ?? 0)
          res.resume()
          res.on('end', resolve)
        })
          .on('error', reject)
          .end()
      })
    }
    agent.destroy()
    expect(new Set(localPorts).size).toBe(1)
  })
})
