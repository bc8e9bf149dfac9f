import { OAuth2Session } from '@x/oauth2'
import { MaxRetryError, ProxyError, ProxyManager } from '@x/pool'
import { HTTPAdapter, ProxyError as RequestsProxyError, Session } from '@x/requests'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureTools, fdsBackTo, newKey, openFds, Squid, type Stack, startStack } from '../src/index.ts'

// squid (Debian's) as a forward proxy with basic auth, in front of the nginx+origin stack (through toxiproxy):
// right credentials go through, wrong ones are a ProxyError at once (a 407 is not retried), and the proxy
// credentials never reach the origin.

const USER = { username: 'faults', password: 'proxy-s3cret' }
let stack: Stack
let squid: Squid
beforeAll(async () => {
  stack = await startStack()
  const tools = ensureTools()
  squid = await Squid.start(tools.squid, tools.squidBasicAuth, USER)
  stack.origin.keepHeaders = true
})
afterAll(async () => {
  await squid?.stop()
  await stack?.stop()
})

const proxyUrl = (password: string) =>
  `http://${USER.username}:${encodeURIComponent(password)}@127.0.0.1:${squid.port}`

function secretsAtOrigin(): string[] {
  expect(stack.origin.headers.size).toBeGreaterThan(0)
  const leaks: string[] = []
  for (const [key, headers] of stack.origin.headers) {
    const text = JSON.stringify(headers)
    if (/proxy-authorization/i.test(text) || text.includes(USER.password)) leaks.push(key)
    if (text.includes(Buffer.from(`${USER.username}:${USER.password}`).toString('base64'))) leaks.push(key)
  }
  return leaks
}

describe('squid forward proxy with basic auth', () => {
  test('pool: forwarded (http) and tunnelled (https) requests; a 407 is ProxyError at once', async () => {
    const fds = openFds(stack.origin)
    const auth = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString('base64')}`
    {
      await using pm = new ProxyManager(squid.url, {
        proxyHeaders: { 'Proxy-Authorization': auth },
        tls: { ca: stack.ca },
      })
      for (const url of [stack.url('cl', 1000), `${stack.https}/chunked/1000`]) {
        const key = newKey('squid')
        const resp = await pm.request('GET', url, { headers: { 'Idempotency-Key': key } })
        expect(resp.data.length).toBe(1000)
        expect(stack.origin.count(key)).toBe(1)
      }
      const results = await Promise.all(
        Array.from({ length: 100 }, () => pm.request('GET', stack.url('cl', 100)).then((r) => r.status)),
      )
      expect(results.every((s) => s === 200)).toBe(true)
    }
    const wrong = `Basic ${Buffer.from(`${USER.username}:wrong`).toString('base64')}`
    {
      await using pm = new ProxyManager(squid.url, {
        proxyHeaders: { 'Proxy-Authorization': wrong },
        tls: { ca: stack.ca },
      })
      for (const url of [stack.url('cl', 10), `${stack.https}/cl/10`]) {
        const key = newKey('squid-407')
        const error = await pm
          .request('GET', url, { headers: { 'Idempotency-Key': key }, retries: 3 })
          .catch((e) => e)
        expect(error).toBeInstanceOf(ProxyError)
        expect(error).not.toBeInstanceOf(MaxRetryError) // not retried with the same wrong password
        expect(error.message).toContain('407')
        expect(error.message).not.toContain('wrong')
        expect(stack.origin.count(key)).toBe(0)
      }
    }
    expect(secretsAtOrigin()).toEqual([])
    expect(await fdsBackTo(fds, stack.origin)).toBeLessThanOrEqual(fds)
  })

  test.each(['requests', 'oauth2'] as const)(
    '%s: proxies with credentials in the URL; 407 is ProxyError',
    async (layer) => {
      const make = () =>
        layer === 'requests'
          ? new Session({ trustEnv: false })
          : new OAuth2Session({
              clientId: 'faults',
              token: { access_token: 'faults-access-token', token_type: 'Bearer', expires_in: 3600 },
              trustEnv: false,
            })
      {
        await using s = make()
        const proxies = { http: proxyUrl(USER.password), https: proxyUrl(USER.password) }
        for (const url of [stack.url('chunked', 500), `${stack.https}/close/500`]) {
          const key = newKey(`squid-${layer}`)
          const r = await s.get(url, { proxies, verify: stack.caFile, headers: { 'Idempotency-Key': key } })
          expect(r.content.length).toBe(500)
          expect(stack.origin.count(key)).toBe(1)
        }
      }
      {
        await using s = make()
        // With retries allowed, a 407 is still not retried: the pool's ProxyError is the cause, not MaxRetryError.
        const adapter = new HTTPAdapter({ maxRetries: 3 })
        s.mount('http://', adapter)
        s.mount('https://', adapter)
        const proxies = { http: proxyUrl('wrong'), https: proxyUrl('wrong') }
        for (const url of [stack.url('cl', 10), `${stack.https}/cl/10`]) {
          const key = newKey(`squid-${layer}-407`)
          const error = await s
            .get(url, { proxies, verify: stack.caFile, headers: { 'Idempotency-Key': key } })
            .catch((e) => e)
          expect(error).toBeInstanceOf(RequestsProxyError)
          expect(error.cause).toBeInstanceOf(ProxyError)
          expect(error.cause).not.toBeInstanceOf(MaxRetryError)
          expect(String(error.message)).not.toContain('wrong')
          expect(stack.origin.count(key)).toBe(0)
        }
      }
      expect(secretsAtOrigin()).toEqual([])
    },
  )
})
