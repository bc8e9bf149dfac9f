import { request } from 'node:http'
import type { Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin, startHttpsHttpbin, startProxy } from '../src/index.ts'
import { basic, get } from './helpers.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
let secure: Awaited<ReturnType<typeof startHttpsHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
  secure = await startHttpsHttpbin()
})
afterAll(() => Promise.all([httpbin.close(), secure.close()]))

/** Sends an absolute-form request to the proxy. */
function viaProxy(
  proxy: { port: number },
  target: string,
  headers: Record<string, string> = {},
  method = 'GET',
) {
  return get(`http://127.0.0.1:${proxy.port}`, {
    path: target,
    method,
    headers: { host: new URL(target).host, ...headers },
  })
}

function connectThrough(proxy: { port: number }, authority: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; socket: Socket }>(
    (resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: proxy.port,
        method: 'CONNECT',
        path: authority,
        headers,
        agent: false,
      })
      req.on('connect', (res, socket) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, socket }),
      )
      req.on('error', reject)
      req.end()
    },
  )
}

describe('startProxy without auth', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>
  beforeAll(async () => {
    proxy = await startProxy()
  })
  afterAll(() => proxy.close())

  it('forwards absolute-form requests and strips hop-by-hop headers', async () => {
    const res = await viaProxy(
      proxy,
      `${httpbin.url}/post?x=1`,
      { 'proxy-connection': 'keep-alive', 'x-end': 'e' },
      'POST',
    )
    expect(res.status).toBe(200)
    const body = JSON.parse(res.body.toString())
    expect(body).toMatchObject({ args: { x: '1' }, url: `${httpbin.url}/post?x=1` })
    expect(body.headers['X-End']).toBe('e')
    expect(body.headers['Proxy-Connection']).toBeUndefined()
    expect(proxy.stats.requests).toBe(1)
    expect(proxy.stats.seen[0]).toMatchObject({ method: 'POST', target: `${httpbin.url}/post?x=1` })
    expect(proxy.stats.seen[0]!.headers['proxy-connection']).toBe('keep-alive')
  })

  it('passes repeated response headers through (Set-Cookie)', async () => {
    const res = await viaProxy(proxy, `${httpbin.url}/cookies/set?a=1&b=2`)
    expect(res.status).toBe(302)
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/'])
  })

  it('tunnels CONNECT to a TLS server', async () => {
    const before = proxy.stats.connects
    const tunnel = await connectThrough(proxy, `127.0.0.1:${secure.port}`)
    expect(tunnel.status).toBe(200)
    const text = await new Promise<string>((resolve, reject) => {
      const tls = tlsConnect({ socket: tunnel.socket, ca: secure.ca, servername: 'localhost' }, () => {
        tls.write(`GET /get HTTP/1.1\r\nHost: 127.0.0.1:${secure.port}\r\nConnection: close\r\n\r\n`)
      })
      let received = ''
      tls.on('data', (chunk) => (received += chunk))
      tls.on('end', () => resolve(received))
      tls.on('error', reject)
    })
    expect(text).toMatch(/^HTTP\/1.1 200 OK/)
    expect(text).toContain('"url": "https://127.0.0.1:')
    expect(proxy.stats.connects).toBe(before + 1)
    expect(proxy.stats.seen.at(-1)).toMatchObject({ method: 'CONNECT', target: `127.0.0.1:${secure.port}` })
  })

  it('refuses targets outside loopback with 502, without connecting', async () => {
    expect((await viaProxy(proxy, 'http://192.0.2.1/get')).status).toBe(502)
    expect((await connectThrough(proxy, '192.0.2.1:443')).status).toBe(502)
  })

  it('answers 502 when the upstream refuses the connection', async () => {
    const closed = await startHttpbin()
    await closed.close()
    expect((await viaProxy(proxy, `${closed.url}/get`)).status).toBe(502)
    expect((await connectThrough(proxy, `127.0.0.1:${closed.port}`)).status).toBe(502)
  })

  it('answers 400 to an origin-form request', async () => {
    expect((await get(`http://127.0.0.1:${proxy.port}/get`)).status).toBe(400)
  })
})

describe('startProxy with auth', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>
  beforeAll(async () => {
    proxy = await startProxy({ auth: { username: 'user', password: 'pa:ss' } })
  })
  afterAll(() => proxy.close())

  it('answers 407 with a Basic challenge without or with wrong credentials, and counts denials', async () => {
    const missing = await viaProxy(proxy, `${httpbin.url}/get`)
    expect(missing.status).toBe(407)
    expect(missing.headers['proxy-authenticate']).toBe('Basic realm="testserver proxy"')
    const wrong = await viaProxy(proxy, `${httpbin.url}/get`, {
      'proxy-authorization': basic('user', 'nope'),
    })
    expect(wrong.status).toBe(407)
    expect(proxy.stats.denied).toBe(2)
  })

  it('forwards with the right credentials and does not pass Proxy-Authorization upstream', async () => {
    const res = await viaProxy(proxy, `${httpbin.url}/headers`, {
      'proxy-authorization': basic('user', 'pa:ss'),
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body.toString()).headers['Proxy-Authorization']).toBeUndefined()
    expect(proxy.stats.seen.at(-1)!.headers['proxy-authorization']).toBe(basic('user', 'pa:ss'))
  })

  it('requires credentials for CONNECT too', async () => {
    const denied = await connectThrough(proxy, `127.0.0.1:${secure.port}`)
    expect(denied.status).toBe(407)
    expect(denied.headers['proxy-authenticate']).toBe('Basic realm="testserver proxy"')
    denied.socket.destroy()
    const ok = await connectThrough(proxy, `127.0.0.1:${secure.port}`, {
      'proxy-authorization': basic('user', 'pa:ss'),
    })
    expect(ok.status).toBe(200)
    ok.socket.destroy()
    expect(proxy.stats.connects).toBe(2)
  })

  it('close() ends open tunnels', async () => {
    const own = await startProxy()
    const tunnel = await connectThrough(own, `127.0.0.1:${httpbin.port}`)
    const closed = new Promise((resolve) => tunnel.socket.once('close', resolve))
    await own.close()
    await closed
    expect(tunnel.socket.destroyed).toBe(true)
  })
})
