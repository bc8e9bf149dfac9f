// Credentials never travel to another origin: Authorization, Cookie, Proxy-Authorization and URL credentials
// are dropped when a redirect changes host, port or scheme (http after https), through every layer and over
// several hops, and proxy credentials go to the proxy only.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OAuth2Session } from '@x/oauth2'
import { PoolError, PoolManager, ProxyManager, SSLError } from '@x/pool'
import {
  HTTPDigestAuth,
  HTTPProxyAuth,
  RequestsCookieJar,
  SSLError as RequestsSSLError,
  Session,
} from '@x/requests'
import { startHttpsHttpbin, startProxy } from '@x/testserver'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { closeAll, describeError, type Recorder, recorder, track } from './helpers.ts'

type Https = Awaited<ReturnType<typeof startHttpsHttpbin>>
let https: Https
let caFile: string
beforeAll(async () => {
  https = await startHttpsHttpbin()
  const dir = await mkdtemp(join(tmpdir(), 'x-security-'))
  caFile = join(dir, 'ca.pem')
  await writeFile(caFile, https.ca)
})
afterAll(() => https.close())
afterEach(closeAll)

const SECRET = 'cred-secret-4f1c9'
const B64 = (s: string) => Buffer.from(s).toString('base64')

/** Where the redirect leads, relative to the first server `a` (and a second server `b`). */
type Target = 'other host' | 'other port' | 'http after https'

interface Setup {
  a: Recorder
  b: Recorder
  /** The first URL: redirects (302) to `landing` on the other origin. */
  start: string
  landing: string
  /** Whether the first hop is the https httpbin (then `a` is not the first hop). */
  viaHttps: boolean
}

async function setup(target: Target, status = 302): Promise<Setup> {
  const a = await recorder()
  const b = await recorder()
  if (target === 'other host') {
    // localhost resolves to 127.0.0.1 here: same socket address, another host name (another origin).
    const landing = `http://localhost:${a.port}/landing`
    return {
      a,
      b: a,
      start: `${a.url}/redirect/${status}?to=${encodeURIComponent(landing)}`,
      landing,
      viaHttps: false,
    }
  }
  if (target === 'other port') {
    const landing = `${b.url}/landing`
    return {
      a,
      b,
      start: `${a.url}/redirect/${status}?to=${encodeURIComponent(landing)}`,
      landing,
      viaHttps: false,
    }
  }
  const landing = `http://127.0.0.1:${b.port}/landing`
  const start = `${https.url}/redirect-to?status_code=${status}&url=${encodeURIComponent(landing)}`
  return { a, b, start, landing, viaHttps: true }
}

/** Requests `b` saw on the landing path (for "other host", `a` and `b` are the same server). */
function landed(s: Setup): Recorder['seen'] {
  return s.b.seen.filter((r) => r.path === '/landing' && (s.b !== s.a || r.host.startsWith('localhost')))
}

const TARGETS: Target[] = ['other host', 'other port', 'http after https']

describe('@x/pool: PoolManager redirects (urllib3 Retry.remove_headers_on_redirect)', () => {
  const headers: Array<[string, string, string]> = [
    ['Authorization', `Bearer ${SECRET}`, 'urllib3 CVE-2018-20060 Authorization on cross-host redirect'],
    ['Cookie', `sid=${SECRET}`, 'urllib3 CVE-2023-43804 Cookie on cross-origin redirect'],
    ['Proxy-Authorization', `Basic ${SECRET}`, 'urllib3 CVE-2024-37891 Proxy-Authorization on redirect'],
  ]
  for (const [name, value, guard] of headers) {
    for (const target of TARGETS) {
      test(`${name} is dropped on a redirect to ${target} (${guard})`, async () => {
        const s = await setup(target)
        await using pm = new PoolManager({ tls: { ca: https.ca }, retries: 5 })
        const resp = await pm.request('GET', s.start, { headers: { [name]: value } })
        expect(resp.status).toBe(200)
        expect(landed(s)).toHaveLength(1)
        expect(landed(s)[0]!.raw).not.toContain(SECRET)
        if (!s.viaHttps) expect(s.a.seen[0]!.raw).toContain(SECRET) // the first hop did carry it
      })
    }
  }

  test('several hops: same-origin hops keep Authorization, the first foreign hop drops it for good', async () => {
    const a = await recorder()
    const b = await recorder()
    const back = `${a.url}/final`
    const bHop = `${b.url}/redirect/307?to=${encodeURIComponent(back)}`
    const aHop2 = `${a.url}/redirect/301?to=${encodeURIComponent(bHop)}`
    const start = `${a.url}/redirect/302?to=${encodeURIComponent(aHop2)}`
    await using pm = new PoolManager({ retries: 10 })
    const resp = await pm.request('GET', start, { headers: { Authorization: `Bearer ${SECRET}` } })
    expect(resp.status).toBe(200)
    expect(a.seen.map((r) => r.raw.includes(SECRET))).toEqual([true, true, false])
    expect(b.leaks(SECRET)).toHaveLength(0)
  })

  test('URL credentials never reach the redirect target', async () => {
    const s = await setup('other port')
    await using pm = new PoolManager()
    const start = s.start.replace('http://', `http://user:${SECRET}@`)
    await pm.request('GET', start)
    expect(s.b.leaks(SECRET)).toHaveLength(0)
    expect(s.b.leaks(B64(`user:${SECRET}`))).toHaveLength(0)
  })

  test('303 turns POST into a body-less GET (urllib3 CVE-2023-45803 body on 303)', async () => {
    const s = await setup('other port', 303)
    await using pm = new PoolManager()
    await pm.request('POST', s.start, { body: `field=${SECRET}`, headers: { 'Content-Type': 'text/plain' } })
    const [hop] = landed(s)
    expect(hop?.method).toBe('GET')
    expect(hop?.body).toBe('')
    expect(hop?.headers['content-type']).toBeUndefined()
    expect(hop?.headers['content-length']).toBeUndefined()
  })

  test('ProxyManager: proxy credentials reach the proxy, never the origin inside the CONNECT tunnel', async () => {
    const proxy = track(await startProxy({ auth: { username: 'pu', password: SECRET } }))
    await using pm = new ProxyManager(`http://pu:${SECRET}@127.0.0.1:${proxy.port}`, {
      tls: { ca: https.ca },
    })
    const resp = await pm.request('GET', `${https.url}/headers`)
    expect(resp.status).toBe(200)
    expect(resp.text()).not.toContain(B64(`pu:${SECRET}`))
    expect(resp.text().toLowerCase()).not.toContain('proxy-authorization')
    expect(proxy.stats.seen[0]?.headers['proxy-authorization']).toBe(`Basic ${B64(`pu:${SECRET}`)}`)
  })
})

describe('@x/requests: Session redirects (requests should_strip_auth, rebuild cookies per hop)', () => {
  const session = () => new Session({ trustEnv: false, verify: caFile })

  for (const target of TARGETS) {
    test(`auth tuple (Authorization) is stripped on a redirect to ${target} (requests CVE-2018-18074)`, async () => {
      const s = await setup(target)
      await using ses = session()
      const r = await ses.get(s.start, { auth: ['user', SECRET] })
      expect(r.statusCode).toBe(200)
      expect(landed(s)).toHaveLength(1)
      expect(landed(s)[0]!.raw).not.toContain(B64(`user:${SECRET}`))
    })

    test(`an explicit Authorization header is stripped on a redirect to ${target}`, async () => {
      const s = await setup(target)
      await using ses = session()
      await ses.get(s.start, { headers: { Authorization: `Bearer ${SECRET}` } })
      expect(landed(s)).toHaveLength(1)
      expect(landed(s)[0]!.raw).not.toContain(SECRET)
    })

    test(`an explicit Cookie header is stripped on a redirect to ${target} (undici CVE-2023-45143)`, async () => {
      const s = await setup(target)
      await using ses = session()
      await ses.get(s.start, { headers: { Cookie: `sid=${SECRET}` } })
      expect(landed(s)).toHaveLength(1)
      expect(landed(s)[0]!.raw).not.toContain(SECRET)
    })

    test(`URL credentials are used for the first host only, not after a redirect to ${target}`, async () => {
      const s = await setup(target)
      await using ses = session()
      await ses.get(s.start.replace('://', `://user:${SECRET}@`))
      expect(landed(s)).toHaveLength(1)
      expect(landed(s)[0]!.raw).not.toContain(B64(`user:${SECRET}`))
      if (!s.viaHttps) expect(s.a.seen[0]!.raw).toContain(B64(`user:${SECRET}`))
    })
  }

  test('a host-only cookie set by the first host is not sent to the other host (RFC 6265 host-only)', async () => {
    const a = await recorder()
    const landing = `http://localhost:${a.port}/landing`
    await using ses = session()
    await ses.get(`${a.url}/set-cookie?to=${encodeURIComponent(landing)}`)
    const hop = a.seen.find((r) => r.path === '/landing')
    expect(hop?.host.startsWith('localhost')).toBe(true)
    expect(hop?.headers.cookie).toBeUndefined()
    // ...and it is still sent back to its own host
    const again = await ses.get(`${a.url}/again`)
    expect(again.statusCode).toBe(200)
    expect(a.seen.at(-1)?.headers.cookie).toBe('sid=cookie-secret')
  })

  // Not tested here: Secure cookies over http. On loopback tough-cookie (allowSecureOnLocal, default true) treats
  // 127.0.0.1/localhost as secure contexts, as browsers do, so only a non-loopback host could show it.

  test('HTTPDigestAuth does not answer a Digest challenge from the host a redirect led to', async () => {
    const b = await recorder({
      '/landing': (req, res) => {
        if (req.headers.authorization) {
          res.writeHead(200, { 'content-length': 2 })
          return res.end('ok')
        }
        res.writeHead(401, {
          'www-authenticate': 'Digest realm="evil", nonce="abc", qop="auth", algorithm=MD5',
          'content-length': 0,
        })
        res.end()
      },
    })
    const a = await recorder()
    await using ses = session()
    await ses.get(`${a.url}/redirect/302?to=${encodeURIComponent(`${b.url}/landing`)}`, {
      auth: new HTTPDigestAuth('user', SECRET),
    })
    // A Digest response computed from the password lets the foreign host crack it offline.
    expect(b.seen.map((r) => r.headers.authorization).filter(Boolean)).toEqual([])
  })

  test('a cookie for another domain (cookie tossing) or a public suffix is not stored', async () => {
    const a = await recorder({
      '/toss': (_req, res) => {
        res.writeHead(302, {
          'set-cookie': [`t1=${SECRET}; Domain=localhost; Path=/`, `t2=${SECRET}; Domain=com; Path=/`],
          location: `http://localhost:${a.port}/landing`,
          'content-length': 0,
        })
        res.end()
      },
    })
    await using ses = session()
    await ses.get(`${a.url}/toss`)
    expect(a.seen.find((r) => r.path === '/landing')?.raw).not.toContain(SECRET)
    const jar = new RequestsCookieJar()
    jar.extractCookies([`t=${SECRET}; Domain=evil.test`, `u=${SECRET}; Domain=.com`], 'http://127.0.0.1/')
    expect(jar.cookieHeader('http://evil.test/')).toBe('')
    expect(jar.cookieHeader('http://shop.com/')).toBe('')
  })

  test('a Proxy-Authorization header without a proxy never reaches any origin (requests CVE-2023-32681)', async () => {
    const s = await setup('other port')
    await using ses = session()
    await ses.get(s.start, { headers: { 'Proxy-Authorization': `Basic ${SECRET}` } })
    expect(s.a.leaks(SECRET)).toHaveLength(0)
    expect(s.b.leaks(SECRET)).toHaveLength(0)
  })

  test('HTTPProxyAuth without a proxy never reaches any origin', async () => {
    const s = await setup('other port')
    await using ses = session()
    await ses.get(s.start, { auth: new HTTPProxyAuth('pu', SECRET) })
    expect(s.a.leaks(B64(`pu:${SECRET}`))).toHaveLength(0)
    expect(s.b.leaks(B64(`pu:${SECRET}`))).toHaveLength(0)
  })

  test('A -> B -> A: Authorization stripped at the first foreign hop is not restored on the way back', async () => {
    const a = await recorder()
    const b = await recorder()
    const back = `${a.url}/final`
    const start = `${a.url}/redirect/302?to=${encodeURIComponent(`${b.url}/redirect/302?to=${encodeURIComponent(back)}`)}`
    await using ses = session()
    await ses.get(start, { auth: ['user', SECRET] })
    expect(b.leaks(B64(`user:${SECRET}`))).toHaveLength(0)
    expect(a.seen.find((r) => r.path === '/final')?.raw).not.toContain(B64(`user:${SECRET}`))
  })

  for (const status of [301, 302, 303]) {
    test(`POST answered ${status} becomes a GET without body or body headers (urllib3 CVE-2023-45803)`, async () => {
      const s = await setup('other port', status)
      await using ses = session()
      await ses.post(s.start, { data: { field: SECRET } })
      const [hop] = landed(s)
      expect(hop?.method).toBe('GET')
      expect(hop?.body).toBe('')
      expect(hop?.headers['content-type']).toBeUndefined()
    })
  }

  test('proxy URL credentials reach the proxy, never the origin in the tunnel (requests CVE-2023-32681)', async () => {
    const proxy = track(await startProxy({ auth: { username: 'pu', password: SECRET } }))
    await using ses = new Session({
      trustEnv: false,
      verify: caFile,
      proxies: { https: `http://pu:${SECRET}@127.0.0.1:${proxy.port}` },
    })
    const r = await ses.get(`${https.url}/headers`)
    expect(r.statusCode).toBe(200)
    expect(r.text).not.toContain(B64(`pu:${SECRET}`))
    expect(r.text.toLowerCase()).not.toContain('proxy-authorization')
    expect(proxy.stats.connects).toBe(1)
    expect(proxy.stats.seen[0]?.headers['proxy-authorization']).toBe(`Basic ${B64(`pu:${SECRET}`)}`)
  })

  test('HTTPProxyAuth through a CONNECT tunnel goes to the proxy only', async () => {
    const proxy = track(await startProxy({ auth: { username: 'pu', password: SECRET } }))
    await using ses = new Session({
      trustEnv: false,
      verify: caFile,
      proxies: { https: `http://127.0.0.1:${proxy.port}` },
    })
    const r = await ses.get(`${https.url}/headers`, { auth: new HTTPProxyAuth('pu', SECRET) })
    expect(r.statusCode).toBe(200)
    expect(r.text).not.toContain(B64(`pu:${SECRET}`))
    expect(proxy.stats.denied).toBe(0)
  })

  test('HTTPProxyAuth and a redirect: the header is dropped per hop (requests rebuild_proxies), never sent inside the tunnel', async () => {
    const proxy = track(await startProxy({ auth: { username: 'pu', password: SECRET } }))
    await using ses = new Session({
      trustEnv: false,
      verify: caFile,
      proxies: { https: `http://127.0.0.1:${proxy.port}` },
    })
    // As in requests, Proxy-Authorization set by an auth object is not rebuilt for the next hop: the proxy
    // refuses the second CONNECT (ProxyError). What matters here: the origin never sees the credentials.
    const outcome = await ses
      .get(`${https.url}/redirect/2`, { auth: new HTTPProxyAuth('pu', SECRET) })
      .catch((e) => e)
    if (!(outcome instanceof Error)) expect(outcome.text).not.toContain(B64(`pu:${SECRET}`))
    expect(proxy.stats.seen.filter((s) => s.method !== 'CONNECT')).toHaveLength(0)
  })
})

describe('@x/oauth2: OAuth2Session tokens and client credentials stay with their origin', () => {
  async function client(extra: Record<string, unknown> = {}) {
    const idp = await recorder({
      '/token': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ access_token: `renewed-${SECRET}`, token_type: 'Bearer', expires_in: 3600 }))
      },
    })
    const session = new OAuth2Session({
      clientId: 'app',
      clientSecret: `client-${SECRET}`,
      token: {
        access_token: `access-${SECRET}`,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: `refresh-${SECRET}`,
      },
      tokenEndpoint: `${idp.url}/token`,
      trustEnv: false,
      verify: caFile,
      ...extra,
    })
    return { session, idp }
  }

  for (const target of TARGETS) {
    test(`the bearer token is not sent after a redirect to ${target}`, async () => {
      const s = await setup(target)
      const { session } = await client()
      await using _ = session
      const r = await session.get(s.start)
      expect(r.statusCode).toBe(200)
      expect(landed(s)).toHaveLength(1)
      expect(landed(s)[0]!.raw).not.toContain(SECRET)
    })
  }

  test('a foreign redirect target answering 401 invalid_token does not get a (renewed) token', async () => {
    const b = await recorder({
      '/landing': (_req, res) => {
        res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"', 'content-length': 0 })
        res.end()
      },
    })
    const a = await recorder()
    const { session } = await client()
    await using _ = session
    await session.get(`${a.url}/redirect/302?to=${encodeURIComponent(`${b.url}/landing`)}`)
    expect(b.seen.map((r) => r.headers.authorization).filter(Boolean)).toEqual([])
  })

  test('with tokenPlacement "body", a 307 to another origin does not carry the token in the body', async () => {
    const s = await setup('other port', 307)
    const { session } = await client({ tokenPlacement: 'body' })
    await using _ = session
    await session.post(s.start, {
      data: 'x=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(s.a.leaks(SECRET)).toHaveLength(1) // the origin the token is for did get it
    expect(s.b.leaks(SECRET)).toHaveLength(0)
  })

  test('a token endpoint redirecting elsewhere gets no client secret, password or code forwarded', async () => {
    const b = await recorder()
    const a = await recorder({
      '/token': (_req, res) => {
        res.writeHead(307, { location: `${b.url}/token`, 'content-length': 0 })
        res.end()
      },
    })
    const { session } = await client()
    await using _ = session
    await expect(
      session.fetchToken(`${a.url}/token`, {
        grantType: 'password',
        username: 'u',
        password: `pw-${SECRET}`,
      }),
    ).rejects.toThrow()
    expect(b.seen).toHaveLength(0)
  })
})

describe('TLS settings are part of the pool key: no connection is reused across them (requests CVE-2024-35195)', () => {
  test('@x/pool: an unverified request does not let a later verified one reuse its connection', async () => {
    await using pm = new PoolManager({ retries: false })
    const insecure = await pm.request('GET', `${https.url}/get`, { tls: { rejectUnauthorized: false } })
    expect(insecure.status).toBe(200)
    const error = await pm.request('GET', `${https.url}/get`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(SSLError)
  })

  test('@x/requests: verify: false once, then the default verify refuses the untrusted certificate', async () => {
    await using ses = new Session({ trustEnv: false })
    expect((await ses.get(`${https.url}/get`, { verify: false })).statusCode).toBe(200)
    const error = await ses.get(`${https.url}/get`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(RequestsSSLError)
  })

  test('@x/requests: a Session with verify: false per request does not weaken a later verify: caFile request', async () => {
    await using ses = new Session({ trustEnv: false })
    expect((await ses.get(`${https.url}/get`, { verify: caFile })).statusCode).toBe(200)
    expect((await ses.get(`${https.url}/get`, { verify: false })).statusCode).toBe(200)
    const error = await ses.get(`${https.url}/get`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(RequestsSSLError)
  })

  test('@x/pool: a pinned fingerprint is checked even when an unpinned connection to the origin is idle', async () => {
    await using pm = new PoolManager({ retries: false, tls: { ca: https.ca } })
    expect((await pm.request('GET', `${https.url}/get`)).status).toBe(200)
    const wrong = 'AA:'.repeat(31) + 'AA'
    const error = await pm
      .request('GET', `${https.url}/get`, { tls: { assertFingerprint: wrong } })
      .catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(SSLError)
  })

  test('@x/pool: a client certificate (mTLS) connection is not reused by a request without it', async () => {
    const mtls = track(await startHttpsHttpbin({ requestCert: true }))
    await using pm = new PoolManager({ retries: false, tls: { ca: mtls.ca } })
    const withCert = await pm.request('GET', `${mtls.url}/get`, {
      tls: { cert: mtls.clientCert, key: mtls.clientKey },
    })
    expect(withCert.status).toBe(200)
    const error = await pm.request('GET', `${mtls.url}/get`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(PoolError)
  })
})
