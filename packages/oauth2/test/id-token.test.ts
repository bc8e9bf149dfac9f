import { createHmac } from 'node:crypto'
import { SignJWT, UnsecuredJWT, base64url } from 'jose'
import { disposed } from '@x/testserver/vitest'
import { test as base, describe, expect } from 'vitest'
import { ClientCore } from '../src/client-core.js'
import { discover } from '../src/discovery.js'
import { InvalidIdTokenError } from '../src/errors/invalid-id-token-error.js'
import { IssuerMismatchError } from '../src/errors/issuer-mismatch-error.js'
import { validateIdToken } from '../src/id-token.js'
import { JwksCache } from '../src/jwks.js'
import { fetchHttp } from './helpers/fetch-http.js'
import { makeKey, signIdToken } from './helpers/keys.js'
import { json, type ScriptedServer, startScriptedServer } from './helpers/scripted-server.js'

const [key1, key2, other] = await Promise.all([makeKey('k1'), makeKey('k2'), makeKey('k1')])

/** A provider for the file, publishing key1; and, for each test, helpers bound to its URL. */
const test = base
  .extend(
    'server',
    { scope: 'file' },
    disposed(async () => {
      const server: ScriptedServer = await startScriptedServer({
        '/jwks': (_req, res) => json(res, 200, { keys: [key1.publicJwk] }),
        '/.well-known/openid-configuration': (_req, res) =>
          json(res, 200, {
            issuer: server.url,
            jwks_uri: `${server.url}/jwks`,
            token_endpoint: `${server.url}/token`,
          }),
        '/evil/.well-known/openid-configuration': (_req, res) =>
          json(res, 200, { issuer: 'https://evil.example' }),
      })
      return server
    }),
  )
  .extend('claims', ({ server }) => () => ({ iss: server.url, aud: 'app', sub: 'alice', nonce: 'n-1' }))
  .extend('checks', ({ server }) => (jwks: JwksCache, extra: object = {}) => ({
    issuer: server.url,
    clientId: 'app',
    jwks,
    nonce: 'n-1',
    clockSkew: 0,
    ...extra,
  }))
  .extend(
    'freshJwks',
    ({ server }) =>
      () =>
        new JwksCache(fetchHttp(), `${server.url}/jwks`),
  )
  .extend(
    'rejection',
    ({ checks, freshJwks }) =>
      async (token: string, extra: object = {}, jwks = freshJwks()): Promise<InvalidIdTokenError> => {
        try {
          await validateIdToken(token, checks(jwks, extra))
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidIdTokenError)
          return error as InvalidIdTokenError
        }
        throw new Error('the token was accepted')
      },
  )

describe('discovery', () => {
  test('fetches the document and checks the issuer', async ({ server }) => {
    const metadata = await discover(fetchHttp(), `${server.url}/`)
    expect(metadata.jwks_uri).toBe(`${server.url}/jwks`)
    await expect(discover(fetchHttp(), `${server.url}/evil`)).rejects.toBeInstanceOf(IssuerMismatchError)
  })

  test('a session core discovers once, shares the fetch, and does not cache a failure', async ({
    server,
  }) => {
    const http = fetchHttp()
    const core = new ClientCore({ clientId: 'app', http, issuer: server.url })
    const all = await Promise.all(Array.from({ length: 5 }, () => core.metadata()))
    expect(new Set(all).size).toBe(1)
    await core.metadata()
    expect(http.calls.get('/.well-known/openid-configuration')).toBe(1)

    let fail = true
    server.routes.set('/flaky/.well-known/openid-configuration', (_req, res) =>
      fail
        ? json(res, 503, { error: 'temporarily_unavailable' })
        : json(res, 200, { issuer: `${server.url}/flaky` }),
    )
    const flaky = new ClientCore({ clientId: 'app', http, issuer: `${server.url}/flaky` })
    await expect(flaky.metadata()).rejects.toMatchObject({ error: 'temporarily_unavailable', status: 503 })
    fail = false
    await expect(flaky.metadata()).resolves.toMatchObject({ issuer: `${server.url}/flaky` })
  })
})

describe('ID token validation', () => {
  test('a good token validates and returns its claims', async ({ claims, checks, freshJwks }) => {
    const result = await validateIdToken(await signIdToken(key1, claims()), checks(freshJwks()))
    expect(result).toMatchObject({ sub: 'alice', aud: 'app' })
  })

  test('alg none is refused', async ({ claims, rejection }) => {
    const token = new UnsecuredJWT({
      ...claims(),
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 60,
    }).encode()
    expect((await rejection(token)).message).toMatch(/algorithm|malformed/)
  })

  test('a signature by another key with the same kid is refused', async ({ claims, rejection }) => {
    expect((await rejection(await signIdToken(other, claims()))).message).toContain(
      'signature does not verify',
    )
  })

  test('HS256 signed with the RSA public key is refused (algorithm confusion)', async ({
    claims,
    rejection,
  }) => {
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', kid: 'k1' }))
    const now = Math.floor(Date.now() / 1000)
    const payload = base64url.encode(JSON.stringify({ ...claims(), iat: now, exp: now + 60 }))
    const secret = JSON.stringify(key1.publicJwk)
    const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
    const e = await rejection(`${header}.${payload}.${sig}`)
    expect(e.message).toMatch(/algorithm/)
    // Even an HS256 token signed with a shared secret is refused: only asymmetric algorithms are accepted.
    const hs = await new SignJWT({ ...claims() })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('x'.repeat(32)))
    await rejection(hs, { algorithms: ['HS256', 'RS256'] })
  })

  test.for([
    ['iss', { iss: 'https://evil.example' }, /"iss"/],
    ['aud', { aud: 'someone-else' }, /"aud"/],
    ['nonce', { nonce: 'other' }, /nonce/],
    ['azp', { azp: 'someone-else' }, /azp/],
    ['several audiences without azp', { aud: ['app', 'api'] }, /azp/],
    ['exp', { exp: Math.floor(Date.now() / 1000) - 10 }, /expired/],
    ['iat in the future', { iat: Math.floor(Date.now() / 1000) + 3600 }, /iat/],
    ['missing sub', { sub: undefined }, /"sub"/],
  ] as const)('a wrong %s is refused', async ([, change, message], { claims, rejection }) => {
    const e = await rejection(await signIdToken(key1, { ...claims(), ...change }))
    expect(e.message).toMatch(message)
    expect(e.code).toBe('ERR_OAUTH_INVALID_ID_TOKEN')
  })

  test('a missing nonce is refused when one was sent; several audiences pass with the right azp', async ({
    claims,
    checks,
    freshJwks,
    rejection,
  }) => {
    await rejection(await signIdToken(key1, { ...claims(), nonce: undefined }))
    const ok = await validateIdToken(
      await signIdToken(key1, { ...claims(), aud: ['app', 'api'], azp: 'app' }),
      checks(freshJwks()),
    )
    expect(ok.azp).toBe('app')
  })

  test('clock skew lets a just-expired token through', async ({ claims, checks, freshJwks }) => {
    const token = await signIdToken(key1, { ...claims(), exp: Math.floor(Date.now() / 1000) - 10 })
    await expect(validateIdToken(token, checks(freshJwks(), { clockSkew: 60_000 }))).resolves.toMatchObject({
      sub: 'alice',
    })
  })

  test('max_age checks auth_time', async ({ claims, rejection }) => {
    const old = await signIdToken(key1, { ...claims(), auth_time: Math.floor(Date.now() / 1000) - 3600 })
    expect((await rejection(old, { maxAge: 60 })).message).toMatch(/max_age/)
    expect((await rejection(await signIdToken(key1, claims()), { maxAge: 60 })).message).toMatch(/auth_time/)
  })

  test('an unknown kid refetches the JWKS once (key rotation); concurrent validations share the fetch', async ({
    server,
    claims,
    checks,
    rejection,
  }) => {
    let published = [key1]
    server.routes.set('/rotating/jwks', (_req, res) =>
      json(res, 200, { keys: published.map((k) => k.publicJwk) }),
    )
    const jwks = new JwksCache(fetchHttp(), `${server.url}/rotating/jwks`)
    await validateIdToken(await signIdToken(key1, claims()), checks(jwks))
    expect(jwks.fetches).toBe(1)
    published = [key1, key2]
    const rotated = await signIdToken(key2, claims())
    const results = await Promise.all(
      Array.from({ length: 10 }, () => validateIdToken(rotated, checks(jwks))),
    )
    expect(results).toHaveLength(10)
    expect(jwks.fetches).toBe(2)
    // A kid nobody publishes: one refetch, then a clear refusal, not a loop.
    const stranger = await makeKey('k-unknown')
    const e = await rejection(await signIdToken(stranger, claims()), {}, jwks)
    expect(e.message).toMatch(/no key/)
    expect(jwks.fetches).toBe(3)
  })

  test('the first validations on a cold cache fetch the JWKS once', async ({ claims, checks, freshJwks }) => {
    const jwks = freshJwks()
    const token = await signIdToken(key1, claims())
    await Promise.all(Array.from({ length: 5 }, () => validateIdToken(token, checks(jwks))))
    expect(jwks.fetches).toBe(1)
  })
})
