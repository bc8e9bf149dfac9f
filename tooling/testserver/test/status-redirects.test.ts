import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'
import { fetchManual, json } from './helpers.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
})
afterAll(() => httpbin.close())

describe('/status', () => {
  it.each([200, 201, 404, 500, 503])('/status/%i answers that code', async (code) => {
    const res = await fetch(`${httpbin.url}/status/${code}`)
    expect(res.status).toBe(code)
  })

  it('adds httpbin extras: 401 challenge, 418 teapot, redirect Location, empty 204', async () => {
    const unauthorized = await fetch(`${httpbin.url}/status/401`)
    expect(unauthorized.headers.get('www-authenticate')).toBe('Basic realm="Fake Realm"')
    const teapot = await fetch(`${httpbin.url}/status/418`)
    expect(await teapot.text()).toContain('teapot')
    const moved = await fetchManual(`${httpbin.url}/status/301`)
    expect(moved.headers.get('location')).toBe('/redirect/1')
    const empty = await fetch(`${httpbin.url}/status/204`)
    expect(empty.status).toBe(204)
    expect(await empty.text()).toBe('')
  })

  it('picks one of several codes, and honours weights', async () => {
    const seen = new Set<number>()
    for (let i = 0; i < 20; i++) seen.add((await fetch(`${httpbin.url}/status/201,202`)).status)
    expect([...seen].every((code) => code === 201 || code === 202)).toBe(true)
    for (let i = 0; i < 5; i++) expect((await fetch(`${httpbin.url}/status/500:0,204:1`)).status).toBe(204)
  })

  it('accepts any method and rejects a malformed code with 400', async () => {
    expect((await fetch(`${httpbin.url}/status/202`, { method: 'POST', body: 'x' })).status).toBe(202)
    expect((await fetch(`${httpbin.url}/status/abc`)).status).toBe(400)
  })
})

describe('redirects', () => {
  it('/redirect/:n goes through /relative-redirect/n-1 and ends at /get', async () => {
    expect((await fetchManual(`${httpbin.url}/redirect/3`)).headers.get('location')).toBe(
      '/relative-redirect/2',
    )
    expect((await fetchManual(`${httpbin.url}/redirect/1`)).headers.get('location')).toBe('/get')
    const followed = await fetch(`${httpbin.url}/redirect/3`)
    expect(followed.status).toBe(200)
    expect(followed.url).toBe(`${httpbin.url}/get`)
  })

  it('/redirect/:n?absolute=true and /absolute-redirect/:n send absolute Locations', async () => {
    const res = await fetchManual(`${httpbin.url}/redirect/2?absolute=true`)
    expect(res.headers.get('location')).toBe(`${httpbin.url}/absolute-redirect/1`)
    const last = await fetchManual(`${httpbin.url}/absolute-redirect/1`)
    expect(last.status).toBe(302)
    expect(last.headers.get('location')).toBe(`${httpbin.url}/get`)
  })

  it('/relative-redirect/:n counts down', async () => {
    const res = await fetchManual(`${httpbin.url}/relative-redirect/2`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/relative-redirect/1')
    expect((await fetchManual(`${httpbin.url}/relative-redirect/0`)).status).toBe(404)
  })

  it('/redirect-to uses url and status_code (3xx only), from the query or a POSTed form', async () => {
    const res = await fetchManual(
      `${httpbin.url}/redirect-to?url=${encodeURIComponent('http://127.0.0.1:1/x')}&status_code=307`,
    )
    expect(res.status).toBe(307)
    expect(res.headers.get('location')).toBe('http://127.0.0.1:1/x')
    expect((await fetchManual(`${httpbin.url}/redirect-to?url=/get&status_code=200`)).status).toBe(302)
    const posted = await fetchManual(`${httpbin.url}/redirect-to`, {
      method: 'POST',
      body: new URLSearchParams({ url: '/anything', status_code: '303' }),
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/anything')
  })
})

describe('/response-headers', () => {
  it('sets the query parameters as headers and lists them in the body', async () => {
    const res = await fetch(`${httpbin.url}/response-headers?X-Test=1&X-Test=2&Y=z`)
    expect(res.headers.get('x-test')).toBe('1, 2')
    expect(res.headers.get('y')).toBe('z')
    const body = await json(res)
    expect(body).toMatchObject({ 'X-Test': ['1', '2'], Y: 'z', 'Content-Type': 'application/json' })
    expect(body['Content-Length']).toBe(res.headers.get('content-length'))
  })

  it('lets the query choose the Content-Type', async () => {
    const res = await fetch(`${httpbin.url}/response-headers?Content-Type=text/plain`)
    expect(res.headers.get('content-type')).toBe('text/plain')
  })
})
