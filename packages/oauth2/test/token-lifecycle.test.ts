// Issue 14, "Token lifecycle": lazy first client-credentials token, the grantType option for restored tokens,
// single-flight fetchToken, and signal/timeout on every endpoint call.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Timeout } from '@x/requests'
import { describe, expect, test } from 'vitest'
import { type CallOptions, MissingTokenError, OAuth2Session, OAuth2Token } from '../src/index.js'
import { json } from './helpers/scripted-server.js'
import { startTokenServer } from './helpers/token-server.js'

describe('lazy first token (client credentials)', () => {
  test('get() before fetchToken() fetches one token, however many requests start at once', async () => {
    await using server = await startTokenServer({ delay: 20 })
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
      grantType: 'client_credentials',
    })
    const responses = await Promise.all(Array.from({ length: 50 }, () => client.get(server.resourceUrl)))
    expect(responses.every((r) => r.statusCode === 200)).toBe(true)
    expect(server.grants.get('client_credentials')).toBe(1)
    expect(server.requests.find((r) => r.path === '/token')?.headers.authorization).toMatch(/^Basic /)
  })

  test('ensureActiveToken() fetches the first token too, with the token endpoint from discovery', async () => {
    await using server = await startTokenServer()
    server.routes.set('/.well-known/openid-configuration', (_req, res) =>
      json(res, 200, { issuer: server.url, token_endpoint: server.tokenUrl }),
    )
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      issuer: server.url,
      grantType: 'client_credentials',
    })
    const token = await client.ensureActiveToken()
    expect(token.access_token).toMatch(/^at-/)
    expect(client.tokenEndpoint).toBeUndefined() // found through the metadata, each time
    expect(server.grants.get('client_credentials')).toBe(1)
  })

  test('without a grant the session does not guess: MissingTokenError, no request', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
    })
    await expect(client.get(server.resourceUrl)).rejects.toBeInstanceOf(MissingTokenError)
    await expect(client.ensureActiveToken()).rejects.toBeInstanceOf(MissingTokenError)
    expect(server.hits.get('/token')).toBeUndefined()
  })

  test('a restored client-credentials token is renewed by asking again (grantType option)', async () => {
    await using server = await startTokenServer({ refresh: false })
    await using first = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
    })
    const saved = JSON.stringify(await first.fetchToken(undefined, { grantType: 'client_credentials' }))
    const restored = new OAuth2Token({ ...JSON.parse(saved), expires_at: Math.floor(Date.now() / 1000) - 1 })
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
      grantType: 'client_credentials',
      token: restored,
    })
    const r = await client.get(server.resourceUrl)
    expect(r.statusCode).toBe(200)
    expect(r.json<{ token: string }>().token).not.toBe(restored.access_token)
    expect(server.grants.get('client_credentials')).toBe(2)
  })

  test('without a grantType option, fetchToken() does not reuse the last grant for options implying none', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({ clientId: 'svc', tokenEndpoint: server.tokenUrl })
    await client.fetchToken(undefined, { username: 'u', password: 'p' })
    await client.fetchToken()
    expect(Object.fromEntries(server.grants)).toEqual({ password: 1, client_credentials: 1 })
  })

  test('fetchToken() without a grant type uses the session grantType', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({
      clientId: 'svc',
      tokenEndpoint: server.tokenUrl,
      grantType: 'urn:example:grant',
    })
    await client.fetchToken(undefined, { assertion: 'x' })
    expect(server.grants.get('urn:example:grant')).toBe(1)
  })
})

describe('single-flight fetchToken', () => {
  test('concurrent calls with the same arguments share one request; other arguments get their own', async () => {
    await using server = await startTokenServer({ delay: 50 })
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
    })
    const same = await Promise.all(
      Array.from({ length: 5 }, () => client.fetchToken(undefined, { grantType: 'client_credentials' })),
    )
    expect(new Set(same).size).toBe(1)
    expect(server.grants.get('client_credentials')).toBe(1)
    await Promise.all([
      client.fetchToken(undefined, { grantType: 'client_credentials', scope: 'a' }),
      client.fetchToken(undefined, { grantType: 'client_credentials', scope: 'b' }),
    ])
    expect(server.grants.get('client_credentials')).toBe(3)
    // Once settled, the next call is a new request.
    await client.fetchToken(undefined, { grantType: 'client_credentials' })
    expect(server.grants.get('client_credentials')).toBe(4)
  })

  test('one caller abandoning (signal) does not cancel the request the others wait for', async () => {
    await using server = await startTokenServer({ delay: 200 })
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
    })
    const controller = new AbortController()
    const leaving = client.fetchToken(undefined, {
      grantType: 'client_credentials',
      signal: controller.signal,
    })
    const staying = client.fetchToken(undefined, { grantType: 'client_credentials' })
    setTimeout(() => controller.abort(), 20)
    await expect(leaving).rejects.toMatchObject({ name: 'AbortError' })
    await expect(staying).resolves.toMatchObject({ access_token: expect.stringMatching(/^at-/) })
    expect(server.grants.get('client_credentials')).toBe(1)
  })
})

describe('a request waiting for a renewal', () => {
  test('its signal abandons its own wait; the renewal goes on for the other requests', async () => {
    await using server = await startTokenServer({ delay: 200 })
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: { ...server.issue(), expires_at: Math.floor(Date.now() / 1000) - 1 },
    })
    const controller = new AbortController()
    const leaving = client.get(server.resourceUrl, { signal: controller.signal })
    const staying = client.get(server.resourceUrl)
    setTimeout(() => controller.abort(), 20)
    await expect(leaving).rejects.toMatchObject({ name: 'AbortError' })
    expect((await staying).statusCode).toBe(200)
    expect(server.grants.get('refresh_token')).toBe(1)
    expect(client.renewalFailures).toBe(0)
  })
})

/** An authorization server whose metadata answers at once and whose every other endpoint never answers. */
async function startSilentServer(options: { hangDiscovery?: boolean } = {}) {
  const held = new Set<ServerResponse>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/.well-known/openid-configuration' && !options.hangDiscovery) {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      json(res, 200, {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        revocation_endpoint: `${base}/revoke`,
        introspection_endpoint: `${base}/introspect`,
        device_authorization_endpoint: `${base}/device`,
        pushed_authorization_request_endpoint: `${base}/par`,
        userinfo_endpoint: `${base}/userinfo`,
        end_session_endpoint: `${base}/logout`,
      })
      return
    }
    held.add(res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((r) => {
        for (const res of held) res.destroy()
        server.close(() => r())
      }),
  }
}

type Call = (client: OAuth2Session, call: CallOptions) => Promise<unknown>
const calls: Record<string, Call> = {
  fetchToken: (c, call) => c.fetchToken(undefined, { grantType: 'client_credentials', ...call }),
  refreshToken: (c, call) => c.refreshToken(undefined, { refreshToken: 'rt', ...call }),
  exchangeToken: (c, call) =>
    c.exchangeToken(undefined, { subjectToken: 'st', subjectTokenType: 'urn:x', ...call }),
  revokeToken: (c, call) => c.revokeToken(undefined, 'tok', undefined, call),
  introspectToken: (c, call) => c.introspectToken(undefined, 'tok', undefined, call),
  deviceAuthorization: (c, call) => c.deviceAuthorization(undefined, call),
  pollDeviceToken: (c, call) =>
    c.pollDeviceToken(
      { device_code: 'd', user_code: 'u', verification_uri: 'http://127.0.0.1/v', expires_in: 60 },
      { interval: 0, ...call },
    ),
  pushAuthorizationRequest: (c, call) => c.pushAuthorizationRequest(undefined, {}, call),
  userinfo: (c, call) => c.userinfo(undefined, call),
}
const discoveryCalls: Record<string, Call> = {
  metadata: (c, call) => c.metadata(call),
  endSessionUrl: (c, call) => c.endSessionUrl(call),
  'revokeToken (discovery)': (c, call) => c.revokeToken(undefined, 'tok', undefined, call),
}

describe('signal and timeout on every endpoint call', () => {
  const clientFor = (issuer: string) =>
    new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      issuer,
      token: { access_token: 'tok', expires_in: 300 },
    })

  test.each(Object.keys(calls))('%s: timeout ends the call with a Timeout', async (name) => {
    await using server = await startSilentServer()
    await using client = clientFor(server.url)
    const error = await calls[name]!(client, { timeout: 150 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Timeout)
    // the call's own timeout ended it (not a default one): no wall time measured
    expect(error).toMatchObject({ cause: { message: expect.stringContaining('timed out after 150 ms') } })
    expect(server.held.size).toBe(1) // the request did reach the endpoint
  })

  test.each(Object.keys(calls))(
    '%s: aborting the signal mid-call rejects with an AbortError',
    async (name) => {
      await using server = await startSilentServer()
      await using client = clientFor(server.url)
      const controller = new AbortController()
      const pending = calls[name]!(client, { signal: controller.signal }).catch((e: unknown) => e)
      while (server.held.size === 0) await new Promise((r) => setTimeout(r, 5))
      controller.abort()
      expect(await pending).toMatchObject({ name: 'AbortError' })
    },
  )

  test.each(Object.keys(discoveryCalls))('%s: discovery honours timeout and signal', async (name) => {
    await using server = await startSilentServer({ hangDiscovery: true })
    await using timingOut = clientFor(server.url)
    await using aborted = clientFor(server.url)
    const timedOut = await discoveryCalls[name]!(timingOut, { timeout: 150 }).catch((e: unknown) => e)
    expect(timedOut).toBeInstanceOf(Timeout)
    const controller = new AbortController()
    const pending = discoveryCalls[name]!(aborted, { signal: controller.signal }).catch((e: unknown) => e)
    setTimeout(() => controller.abort(), 50)
    expect(await pending).toMatchObject({ name: 'AbortError' })
  })
})
