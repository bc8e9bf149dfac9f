import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'
import { basic, fetchManual } from './helpers.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
})
afterAll(() => httpbin.close())

describe('cookies', () => {
  it('/cookies shows the Cookie header', async () => {
    const res = await fetch(`${httpbin.url}/cookies`, { headers: { cookie: 'a=1; b="two"' } })
    expect(await res.json()).toEqual({ cookies: { a: '1', b: 'two' } })
    expect(await (await fetch(`${httpbin.url}/cookies`)).json()).toEqual({ cookies: {} })
  })

  it('/cookies/set?k=v sets cookies and redirects to /cookies', async () => {
    const res = await fetchManual(`${httpbin.url}/cookies/set?k=v&z=1`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/cookies')
    expect(res.headers.getSetCookie()).toEqual(['k=v; Path=/', 'z=1; Path=/'])
  })

  it('/cookies/set/:name/:value sets one cookie', async () => {
    const res = await fetchManual(`${httpbin.url}/cookies/set/name/value`)
    expect(res.headers.getSetCookie()).toEqual(['name=value; Path=/'])
  })

  it('/cookies/delete?k expires the cookie and redirects', async () => {
    const res = await fetchManual(`${httpbin.url}/cookies/delete?k`)
    expect(res.status).toBe(302)
    const [cookie] = res.headers.getSetCookie()
    expect(cookie).toMatch(/^k=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=\/$/)
  })
})

describe('basic, hidden-basic and bearer auth', () => {
  it('/basic-auth/:u/:p challenges without credentials and accepts the right ones', async () => {
    const denied = await fetch(`${httpbin.url}/basic-auth/user/pass`)
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toBe('Basic realm="Fake Realm"')
    const wrong = await fetch(`${httpbin.url}/basic-auth/user/pass`, {
      headers: { authorization: basic('user', 'x') },
    })
    expect(wrong.status).toBe(401)
    const ok = await fetch(`${httpbin.url}/basic-auth/user/pass`, {
      headers: { authorization: basic('user', 'pass') },
    })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ authenticated: true, user: 'user' })
  })

  it('accepts a password containing a colon', async () => {
    const ok = await fetch(`${httpbin.url}/basic-auth/u/a%3Ab`, {
      headers: { authorization: basic('u', 'a:b') },
    })
    expect(ok.status).toBe(200)
  })

  it('/hidden-basic-auth answers 404 (no challenge) until the credentials are right', async () => {
    const hidden = await fetch(`${httpbin.url}/hidden-basic-auth/u/p`)
    expect(hidden.status).toBe(404)
    expect(hidden.headers.get('www-authenticate')).toBeNull()
    const ok = await fetch(`${httpbin.url}/hidden-basic-auth/u/p`, {
      headers: { authorization: basic('u', 'p') },
    })
    expect(await ok.json()).toEqual({ authenticated: true, user: 'u' })
  })

  it('/bearer wants a Bearer token and echoes it', async () => {
    const denied = await fetch(`${httpbin.url}/bearer`)
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toBe('Bearer')
    const ok = await fetch(`${httpbin.url}/bearer`, { headers: { authorization: 'Bearer abc.def' } })
    expect(await ok.json()).toEqual({ authenticated: true, token: 'abc.def' })
  })
})
