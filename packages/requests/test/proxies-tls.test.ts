import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHttpsHttpbin, startProxy } from '@x/testserver'
import { disposed, httpbinTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { ConnectionError, HTTPProxyAuth, ProxyError, Session, SSLError } from '../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'requests-tls-'))

// The servers are shared by the file (tests compare proxy stats before and after, never absolute counts): each is
// started on first use and closed after the file's last test.
const it = httpbinTest
  .extend(
    'tls',
    { scope: 'file' },
    disposed(() => startHttpsHttpbin({ requestCert: false })),
  )
  .extend(
    'proxy',
    { scope: 'file' },
    disposed(() => startProxy()),
  )
  .extend(
    'authProxy',
    { scope: 'file' },
    disposed(() => startProxy({ auth: { username: 'puser', password: 'ppass' } })),
  )
  .extend('caFile', { scope: 'file' }, ({ tls }) => {
    const caFile = join(dir, 'ca.pem')
    writeFileSync(caFile, tls.ca)
    return caFile
  })

type Echo = { headers: Record<string, string> }
const withAuth = (u: string, user: string, pass: string) => u.replace('http://', `http://${user}:${pass}@`)

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {}
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k]
    if (vars[k] === undefined) delete process.env[k]
    else process.env[k] = vars[k]
  }
  return fn().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
}

const PROXY_ENV = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy',
]
const clearEnv = Object.fromEntries(PROXY_ENV.map((k) => [k, undefined]))

// Ported from requests' tests (proxies, verify, cert) against local servers.
describe('proxies', () => {
  it('http requests go through the proxy in absolute form', async ({ httpbin, proxy }) => {
    await using s = new Session({ trustEnv: false })
    const before = proxy.stats.requests
    const r = await s.get(`${httpbin.url}/get`, { proxies: { http: proxy.url } })
    expect(r.statusCode).toBe(200)
    expect(proxy.stats.requests).toBe(before + 1)
    expect(proxy.stats.seen.at(-1)?.target).toBe(`${httpbin.url}/get`)
  })

  it('https requests are tunnelled with CONNECT', async ({ tls, proxy, caFile }) => {
    await using s = new Session({ trustEnv: false, verify: caFile })
    const before = proxy.stats.connects
    const r = await s.get(`${tls.url}/get`, { proxies: { https: proxy.url } })
    expect(r.statusCode).toBe(200)
    expect(proxy.stats.connects).toBe(before + 1)
  })

  it('credentials in the proxy URL authenticate to the proxy and never reach the origin', async ({
    httpbin,
    authProxy,
  }) => {
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${httpbin.url}/headers`, {
      proxies: { http: withAuth(authProxy.url, 'puser', 'ppass') },
    })
    expect(r.statusCode).toBe(200)
    expect(r.json<Echo>().headers['Proxy-Authorization']).toBeUndefined()
    expect(authProxy.stats.seen.at(-1)?.headers['proxy-authorization']).toMatch(/^Basic /)
  })

  it('HTTPProxyAuth is sent to the proxy only', async ({ httpbin, authProxy }) => {
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${httpbin.url}/headers`, {
      proxies: { http: authProxy.url },
      auth: new HTTPProxyAuth('puser', 'ppass'),
    })
    expect(r.statusCode).toBe(200)
    expect(r.json<Echo>().headers['Proxy-Authorization']).toBeUndefined()
  })

  it('wrong proxy credentials are a ProxyError (forwarding and CONNECT); no secret in the message', async ({
    httpbin,
    tls,
    authProxy,
    caFile,
  }) => {
    await using s = new Session({ trustEnv: false, verify: caFile })
    await expect(
      s.get(`${httpbin.url}/get`, { proxies: { http: withAuth(authProxy.url, 'puser', 'bad') } }),
    ).rejects.toBeInstanceOf(ProxyError)
    const err = await s
      .get(`${tls.url}/get`, { proxies: { https: withAuth(authProxy.url, 'puser', 'bad-secret') } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProxyError)
    expect((err as Error).message).not.toContain('bad-secret')
  })

  it('an unreachable proxy is a ProxyError (a ConnectionError)', async ({ httpbin }) => {
    await using s = new Session({ trustEnv: false })
    const err = await s
      .get(`${httpbin.url}/get`, { proxies: { http: 'http://127.0.0.1:1' } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConnectionError)
  })

  it('HTTP_PROXY from the environment is used when trustEnv; NO_PROXY and trustEnv false bypass it', async ({
    httpbin,
    proxy,
  }) => {
    await withEnv({ ...clearEnv, HTTP_PROXY: proxy.url }, async () => {
      await using s = new Session()
      let before = proxy.stats.requests
      await s.get(`${httpbin.url}/get`)
      expect(proxy.stats.requests).toBe(before + 1)
      await withEnv({ NO_PROXY: '127.0.0.0/8' }, async () => {
        s.refreshEnvironment()
        before = proxy.stats.requests
        await s.get(`${httpbin.url}/get`)
        expect(proxy.stats.requests).toBe(before)
      })
      await using noEnv = new Session({ trustEnv: false })
      before = proxy.stats.requests
      await noEnv.get(`${httpbin.url}/get`)
      expect(proxy.stats.requests).toBe(before)
    })
  })
})

describe('TLS', () => {
  it('an unknown CA fails with SSLError; verify: false or a CA bundle path succeeds', async ({
    tls,
    caFile,
  }) => {
    await using s = new Session({ trustEnv: false })
    await expect(s.get(`${tls.url}/get`)).rejects.toBeInstanceOf(SSLError)
    expect((await s.get(`${tls.url}/get`, { verify: false })).statusCode).toBe(200)
    expect((await s.get(`${tls.url}/get`, { verify: caFile })).statusCode).toBe(200)
  })

  it('REQUESTS_CA_BUNDLE is honoured when trustEnv', async ({ tls, caFile }) => {
    await withEnv({ REQUESTS_CA_BUNDLE: caFile }, async () => {
      await using s = new Session()
      expect((await s.get(`${tls.url}/get`)).statusCode).toBe(200)
    })
  })

  it('a missing CA bundle path is a TypeError naming the option', async ({ tls }) => {
    await using s = new Session({ trustEnv: false })
    await expect(s.get(`${tls.url}/get`, { verify: join(dir, 'missing.pem') })).rejects.toThrow(
      /options.verify/,
    )
  })

  it('mTLS with cert: [certFile, keyFile]', async () => {
    await using mtls = await startHttpsHttpbin({ requestCert: true })
    const ca = join(dir, 'mtls-ca.pem')
    const cert = join(dir, 'client.pem')
    const key = join(dir, 'client.key')
    writeFileSync(ca, mtls.ca)
    writeFileSync(cert, mtls.clientCert)
    writeFileSync(key, mtls.clientKey)
    await using s = new Session({ trustEnv: false, verify: ca })
    await expect(s.get(`${mtls.url}/get`)).rejects.toBeInstanceOf(ConnectionError)
    expect((await s.get(`${mtls.url}/get`, { cert: [cert, key] })).statusCode).toBe(200)
  })
})
