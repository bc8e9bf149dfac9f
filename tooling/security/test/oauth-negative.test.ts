// OAuth 2.0 / OpenID Connect negative cases, conformance-style (panva's openid-client and oauth4webapi test
// suites, Authlib advisories): everything a hostile or broken authorization server, or a forged callback, can
// send is refused with a typed OAuthError, and no token or secret ever shows in errors, inspect output or
// diagnostics_channel events.
import { createHash, createHmac } from 'node:crypto'
import diagnostics from 'node:diagnostics_channel'
import { inspect } from 'node:util'
import {
  IssuerMismatchError,
  InvalidIdTokenError,
  InvalidResponseError,
  OAuth2Session,
  OAuthError,
  StateMismatchError,
} from '@x/oauth2'
import { base64url, type CryptoKey, exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { closeAll, describeError, type Recorder, raw, recorder } from './helpers.ts'

const CLIENT_SECRET = 'client-secret-7Hq2'
const ACCESS = 'access-token-Zr81'
const REFRESH = 'refresh-token-Pq55'
const PASSWORD = 'user-password-Kd03'
const CODE = 'auth-code-Wm47'
const SECRETS = [CLIENT_SECRET, ACCESS, REFRESH, PASSWORD, CODE]

type Key = { privateKey: CryptoKey; publicJwk: JWK; pem: string; kid: string }
async function makeKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  return {
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    pem: await exportSPKI(publicKey),
    kid,
  }
}

let k1: Key
let k2: Key
/** What the scripted issuer serves; tests change it. */
const state = {
  keys: [] as JWK[],
  jwksFetches: 0,
  tokenFetches: 0,
  discoveryIssuer: '' as string | undefined,
  token: (): { status: number; type: string; body: string } => ({
    status: 200,
    type: 'application/json',
    body: '{}',
  }),
  metadata: {} as Record<string, unknown>,
}
let idp: Recorder
beforeAll(async () => {
  ;[k1, k2] = await Promise.all([makeKey('k1'), makeKey('k2')])
})
beforeEach(async () => {
  state.keys = [k1.publicJwk]
  state.jwksFetches = 0
  state.tokenFetches = 0
  state.metadata = {}
  state.discoveryIssuer = undefined
  state.token = () =>
    json({ access_token: ACCESS, token_type: 'Bearer', expires_in: 300, refresh_token: REFRESH })
  idp = await recorder({
    '/.well-known/openid-configuration': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          issuer: state.discoveryIssuer ?? idp.url,
          authorization_endpoint: `${idp.url}/authorize`,
          token_endpoint: `${idp.url}/token`,
          jwks_uri: `${idp.url}/jwks`,
          userinfo_endpoint: `${idp.url}/userinfo`,
          ...state.metadata,
        }),
      )
    },
    '/jwks': (_req, res) => {
      state.jwksFetches++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: state.keys }))
    },
    '/token': (_req, res) => {
      state.tokenFetches++
      const t = state.token()
      res.writeHead(t.status, { 'content-type': t.type })
      res.end(t.body)
    },
  })
})
afterEach(closeAll)

function json(body: unknown, status = 200) {
  return { status, type: 'application/json', body: JSON.stringify(body) }
}

const now = () => Math.floor(Date.now() / 1000)
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: idp.url,
  aud: 'app',
  sub: 'alice',
  nonce: 'n-1',
  iat: now(),
  exp: now() + 300,
  ...extra,
})

async function sign(payload: Record<string, unknown>, key: Key = k1, header: Record<string, unknown> = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header })
    .sign(key.privateKey)
}

/** A compact JWS with any header, HMAC-signed with `secret` (or unsigned for alg none). */
function forge(header: Record<string, unknown>, payload: Record<string, unknown>, secret?: string | Buffer) {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`
  if (secret === undefined) return `${input}.`
  return `${input}.${base64url.encode(createHmac('sha256', secret).update(input).digest())}`
}

function assertClean(label: string, value: unknown) {
  const text =
    typeof value === 'string' ? value : inspect(value, { depth: 8, showHidden: false, getters: false })
  for (const secret of SECRETS)
    expect(text.includes(secret), `${label} shows ${secret}:\n${text.slice(0, 2000)}`).toBe(false)
}

/**
 * Every error produced in this file is checked where it is produced (message, stack, inspect, cause chain): no test
 * depends on another having run first (they used to be collected and checked by a last test).
 */
function assertCleanError(error: unknown): void {
  if (!(error instanceof Error)) return
  assertClean('message', error.message)
  assertClean('stack', error.stack ?? '')
  assertClean('inspect', error)
  for (let c: unknown = error.cause, depth = 0; c instanceof Error && depth < 6; c = c.cause, depth++) {
    assertClean(`cause ${depth} message`, c.message)
  }
}
async function refusal<T extends abstract new (...args: never[]) => Error>(
  promise: Promise<unknown>,
  type: T,
) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  assertCleanError(error)
  expect(error, describeError(error)).toBeInstanceOf(type)
  return error as InstanceType<T>
}

const session = (extra: Record<string, unknown> = {}) =>
  new OAuth2Session({
    clientId: 'app',
    clientSecret: CLIENT_SECRET,
    issuer: idp.url,
    trustEnv: false,
    ...extra,
  })

describe('authorization response (RFC 6749 10.12, RFC 9207, RFC 7636)', () => {
  test('state mismatch is refused before the token endpoint is called', async () => {
    await using client = session()
    client.createAuthorizationUrl(`${idp.url}/authorize`, { redirectUri: 'http://127.0.0.1/cb' })
    await refusal(
      client.fetchToken(undefined, {
        authorizationResponse: `http://127.0.0.1/cb?code=${CODE}&state=forged`,
      }),
      StateMismatchError,
    )
    expect(state.tokenFetches).toBe(0)
  })

  test('a callback without state is refused', async () => {
    await using client = session()
    client.createAuthorizationUrl(`${idp.url}/authorize`, { redirectUri: 'http://127.0.0.1/cb' })
    await refusal(
      client.fetchToken(undefined, { authorizationResponse: `http://127.0.0.1/cb?code=${CODE}` }),
      StateMismatchError,
    )
    expect(state.tokenFetches).toBe(0)
  })

  test('a callback with no authorization request pending is refused', async () => {
    await using client = session()
    await refusal(
      client.fetchToken(undefined, { authorizationResponse: `http://127.0.0.1/cb?code=${CODE}&state=s` }),
      OAuthError,
    )
    expect(state.tokenFetches).toBe(0)
  })

  test('PKCE: S256 by default, and the token request proves the verifier (no silent downgrade to plain or none)', async () => {
    await using client = session()
    const {
      url,
      state: sent,
      codeVerifier,
    } = client.createAuthorizationUrl(`${idp.url}/authorize`, {
      redirectUri: 'http://127.0.0.1/cb',
    })
    const q = new URL(url).searchParams
    expect(q.get('code_challenge_method')).toBe('S256')
    expect(codeVerifier).toBeDefined()
    expect(q.get('code_challenge')).toBe(createHash('sha256').update(codeVerifier!).digest('base64url'))
    expect(url).not.toContain(codeVerifier!)
    await client.fetchToken(undefined, {
      authorizationResponse: `http://127.0.0.1/cb?code=${CODE}&state=${sent}`,
    })
    const form = new URLSearchParams(idp.seen.find((r) => r.path === '/token')!.body)
    expect(form.get('code_verifier')).toBe(codeVerifier)
  })

  test('a replayed callback (same state twice) does not reuse the PKCE verifier', async () => {
    await using client = session()
    const { state: sent } = client.createAuthorizationUrl(`${idp.url}/authorize`, {
      redirectUri: 'http://127.0.0.1/cb',
    })
    const callback = `http://127.0.0.1/cb?code=${CODE}&state=${sent}`
    await client.fetchToken(undefined, { authorizationResponse: callback })
    const replay = await client.fetchToken(undefined, { authorizationResponse: callback }).then(
      () => undefined,
      (e: unknown) => e,
    )
    const second = idp.seen.filter((r) => r.path === '/token')[1]
    // Either refused outright, or at least sent without the consumed verifier (the server then refuses it).
    if (second !== undefined) expect(new URLSearchParams(second.body).get('code_verifier')).toBeNull()
    else expect(replay, describeError(replay)).toBeInstanceOf(OAuthError)
  })

  test('RFC 9207: an authorization response from another issuer is refused before the token request', async () => {
    await using client = session()
    const { state: sent } = client.createAuthorizationUrl(`${idp.url}/authorize`, {
      redirectUri: 'http://127.0.0.1/cb',
    })
    await refusal(
      client.fetchToken(undefined, {
        authorizationResponse: `http://127.0.0.1/cb?code=${CODE}&state=${sent}&iss=${encodeURIComponent('http://evil.test')}`,
      }),
      IssuerMismatchError,
    )
    expect(state.tokenFetches).toBe(0)
  })

  test('RFC 9207: a missing iss is refused when the server promised it', async () => {
    state.metadata = { authorization_response_iss_parameter_supported: true }
    await using client = session()
    const { state: sent } = client.createAuthorizationUrl(`${idp.url}/authorize`, {
      redirectUri: 'http://127.0.0.1/cb',
    })
    await refusal(
      client.fetchToken(undefined, {
        authorizationResponse: `http://127.0.0.1/cb?code=${CODE}&state=${sent}`,
      }),
      IssuerMismatchError,
    )
    expect(state.tokenFetches).toBe(0)
  })

  for (const redirectUri of [
    'http://user:pw@127.0.0.1/cb',
    'http://127.0.0.1/cb#fragment',
    'http://127.0.0.1/cb#',
  ]) {
    test(`redirect_uri ${redirectUri} is refused (RFC 6749 3.1.2: no fragment; no credentials)`, async () => {
      const thrown: unknown[] = []
      try {
        await using _ = new OAuth2Session({ clientId: 'app', redirectUri, trustEnv: false })
      } catch (e) {
        thrown.push(e)
      }
      try {
        await using client = new OAuth2Session({ clientId: 'app', trustEnv: false })
        client.createAuthorizationUrl(`${idp.url}/authorize`, { redirectUri })
      } catch (e) {
        thrown.push(e)
      }
      expect(thrown.length, 'constructor and createAuthorizationUrl both accepted it').toBe(2)
      for (const e of thrown) expect((e as { code?: string }).code, describeError(e)).toMatch(/^ERR_/)
    })
  }
})

describe('discovery', () => {
  test('issuer mismatch in the discovery document is refused (OpenID Discovery 4.3)', async () => {
    state.discoveryIssuer = 'http://evil.test'
    await using client = session()
    await refusal(client.fetchToken(undefined, { grantType: 'client_credentials' }), IssuerMismatchError)
    expect(state.tokenFetches).toBe(0)
  })

  test('an issuer differing only by case or path is refused', async () => {
    state.discoveryIssuer = `${idp.url}/other`
    await using client = session()
    await refusal(client.metadata(), IssuerMismatchError)
  })
})

describe('ID token validation (OpenID Connect Core 3.1.3.7)', () => {
  async function validate(token: string, options: { nonce?: string } = { nonce: 'n-1' }) {
    await using client = session()
    return await client.validateIdToken(token, options)
  }

  test('a valid token passes (control)', async () => {
    await expect(validate(await sign(claims()))).resolves.toMatchObject({ sub: 'alice' })
  })

  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    test(`alg ${alg} is refused (CVE-2015-9235 family, Authlib alg none)`, async () => {
      await refusal(validate(forge({ alg, kid: 'k1' }, claims())), InvalidIdTokenError)
    })
  }

  test('alg none is refused even when the discovery document lists it', async () => {
    state.metadata = { id_token_signing_alg_values_supported: ['none', 'HS256', 'RS256'] }
    await refusal(validate(forge({ alg: 'none' }, claims())), InvalidIdTokenError)
  })

  test('HS256 signed with the RSA public key (PEM) is refused (key confusion, CVE-2016-10555)', async () => {
    await refusal(validate(forge({ alg: 'HS256', kid: 'k1' }, claims(), k1.pem)), InvalidIdTokenError)
  })

  test('HS256 signed with the RSA public JWK (JSON and n) is refused', async () => {
    state.metadata = { id_token_signing_alg_values_supported: ['HS256', 'RS256'] }
    await refusal(
      validate(forge({ alg: 'HS256', kid: 'k1' }, claims(), JSON.stringify(k1.publicJwk))),
      InvalidIdTokenError,
    )
    await refusal(
      validate(forge({ alg: 'HS256', kid: 'k1' }, claims(), String(k1.publicJwk.n))),
      InvalidIdTokenError,
    )
  })

  test('HS256 signed with the client secret is refused (asymmetric only)', async () => {
    await refusal(validate(forge({ alg: 'HS256' }, claims(), CLIENT_SECRET)), InvalidIdTokenError)
  })

  test('an HS256 token verifying against a symmetric (oct) key published in the JWKS is refused', async () => {
    const secret = Buffer.from('a-shared-secret-of-enough-length-32b')
    state.keys = [k1.publicJwk, { kty: 'oct', kid: 'sym', k: base64url.encode(secret), alg: 'HS256' }]
    state.metadata = { id_token_signing_alg_values_supported: ['HS256', 'RS256'] }
    await refusal(validate(forge({ alg: 'HS256', kid: 'sym' }, claims(), secret)), InvalidIdTokenError)
  })

  test('an embedded jwk / jku / x5u header is not trusted', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const jwk = await exportJWK(publicKey)
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', jwk, jku: 'http://127.0.0.1:9/jwks', x5u: 'http://127.0.0.1:9/x' })
      .sign(privateKey)
    await refusal(validate(token), InvalidIdTokenError)
  })

  test('unknown kid: exactly one JWKS refetch, then refused', async () => {
    await using client = session()
    await client.validateIdToken(await sign(claims()), { nonce: 'n-1' })
    expect(state.jwksFetches).toBe(1)
    await refusal(client.validateIdToken(await sign(claims(), k2), { nonce: 'n-1' }), InvalidIdTokenError)
    expect(state.jwksFetches).toBe(2)
  })

  test('unknown kid in 20 concurrent validations: the refetches are shared, not one per token', async () => {
    await using client = session()
    await client.validateIdToken(await sign(claims()), { nonce: 'n-1' })
    const forged = await sign(claims(), k2)
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => client.validateIdToken(forged, { nonce: 'n-1' })),
    )
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    expect(state.jwksFetches).toBeLessThanOrEqual(3)
  })

  test('a rotated key is found with one refetch (control for the refetch rule)', async () => {
    await using client = session()
    await client.validateIdToken(await sign(claims()), { nonce: 'n-1' })
    state.keys = [k1.publicJwk, k2.publicJwk]
    await expect(client.validateIdToken(await sign(claims(), k2), { nonce: 'n-1' })).resolves.toMatchObject({
      sub: 'alice',
    })
    expect(state.jwksFetches).toBe(2)
  })

  const BAD_CLAIMS: Array<[string, () => Record<string, unknown>]> = [
    ['wrong iss', () => claims({ iss: 'http://evil.test' })],
    ['iss with a trailing slash added', () => claims({ iss: `${idp.url}/` })],
    ['wrong aud', () => claims({ aud: 'other-app' })],
    ['aud list without the client', () => claims({ aud: ['a', 'b'], azp: 'a' })],
    ['several audiences and no azp', () => claims({ aud: ['app', 'other'] })],
    ['azp of another client', () => claims({ aud: ['app', 'other'], azp: 'other' })],
    ['wrong nonce', () => claims({ nonce: 'n-2' })],
    ['missing nonce', () => ({ ...claims(), nonce: undefined })],
    ['missing sub', () => ({ ...claims(), sub: undefined })],
    ['expired beyond the 60 s clock skew', () => claims({ exp: now() - 120 })],
    ['issued in the future beyond the clock skew', () => claims({ iat: now() + 600 })],
    ['not valid before (nbf) beyond the clock skew', () => claims({ nbf: now() + 600 })],
    ['missing exp', () => ({ ...claims(), exp: undefined })],
    ['missing iat', () => ({ ...claims(), iat: undefined })],
    ['exp as a string', () => claims({ exp: String(now() + 300) })],
  ]
  for (const [label, make] of BAD_CLAIMS) {
    test(`${label} is refused`, async () => {
      await refusal(validate(await sign(JSON.parse(JSON.stringify(make())))), InvalidIdTokenError)
    })
  }

  test('expired, but within the clock skew, is accepted (control)', async () => {
    await expect(validate(await sign(claims({ exp: now() - 20 })))).resolves.toMatchObject({ sub: 'alice' })
  })

  test('a token whose signature was altered is refused', async () => {
    const token = await sign(claims())
    const [h, p] = token.split('.')
    const forged = `${h}.${base64url.encode(JSON.stringify(claims({ sub: 'mallory' })))}.${token.split('.')[2]}`
    expect(p).not.toBe(forged.split('.')[1])
    await refusal(validate(forged), InvalidIdTokenError)
  })

  test('fetchToken does not adopt a token whose ID token fails validation', async () => {
    state.token = () =>
      json({
        access_token: ACCESS,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: forge({ alg: 'none' }, claims()),
      })
    await using client = session()
    await refusal(
      client.fetchToken(undefined, { grantType: 'password', username: 'u', password: PASSWORD }),
      InvalidIdTokenError,
    )
    expect(client.token).toBeUndefined()
  })

  test('a refreshed ID token for another subject is refused (Core 12.2)', async () => {
    let sub = 'alice'
    state.token = () => ({
      status: 200,
      type: 'application/json',
      body: '',
    })
    const tokens: string[] = [
      await sign(claims({ nonce: undefined })),
      await sign(claims({ nonce: undefined, sub: 'bob' })),
    ]
    state.token = () => {
      const id = tokens.shift()!
      sub = 'bob'
      return json({
        access_token: ACCESS,
        token_type: 'Bearer',
        expires_in: 300,
        refresh_token: REFRESH,
        id_token: id,
      })
    }
    await using client = session()
    await client.fetchToken(undefined, { grantType: 'password', username: 'u', password: PASSWORD })
    await refusal(client.refreshToken(), OAuthError)
    expect(sub).toBe('bob')
    expect(client.token?.idTokenClaims?.sub).toBe('alice')
  })
})

describe('token endpoint answering garbage (Authlib/requests-oauthlib "Missing access token" confusion)', () => {
  const CASES: Array<
    [string, () => { status: number; type: string; body: string }, abstract new (...a: never[]) => Error]
  > = [
    [
      'HTML with 200',
      () => ({ status: 200, type: 'text/html', body: '<html><body>Login</body></html>' }),
      InvalidResponseError,
    ],
    [
      'HTML with 500',
      () => ({ status: 500, type: 'text/html', body: '<h1>Internal Server Error</h1>' }),
      InvalidResponseError,
    ],
    ['empty 500', () => ({ status: 500, type: 'text/plain', body: '' }), InvalidResponseError],
    ['JSON 500 with an OAuth error', () => json({ error: 'server_error' }, 500), OAuthError],
    ['JSON without access_token', () => json({ token_type: 'Bearer' }), InvalidResponseError],
    ['JSON array', () => json([1, 2]), InvalidResponseError],
    ['JSON null', () => json(null), InvalidResponseError],
    [
      'access_token as a number',
      () => json({ access_token: 12345, token_type: 'Bearer' }),
      InvalidResponseError,
    ],
    ['negative expires_in', () => json({ access_token: ACCESS, expires_in: -5 }), InvalidResponseError],
    ['302 to a login page', () => ({ status: 302, type: 'text/html', body: 'Found' }), InvalidResponseError],
    [
      'a 500 debug page echoing the form and the secret',
      () => ({
        status: 500,
        type: 'text/html',
        body: `<pre>client_secret=${CLIENT_SECRET}&password=${PASSWORD}&grant_type=password Authorization: Basic ${Buffer.from(`app:${CLIENT_SECRET}`).toString('base64')}</pre>`,
      }),
      InvalidResponseError,
    ],
  ]
  for (const [label, answer, type] of CASES) {
    test(`${label}: ${type.name}, token not adopted`, async () => {
      state.token = answer
      await using client = session()
      await refusal(
        client.fetchToken(undefined, { grantType: 'password', username: 'u', password: PASSWORD }),
        type,
      )
      expect(client.token).toBeUndefined()
    })
  }
})

describe('signed UserInfo', () => {
  test('alg none and HS256-with-the-public-key UserInfo JWTs are refused', async () => {
    for (const jwt of [
      forge({ alg: 'none' }, { ...claims(), sub: 'alice' }),
      forge({ alg: 'HS256', kid: 'k1' }, { ...claims(), sub: 'alice' }, k1.pem),
    ]) {
      const api = await recorder({
        '/userinfo': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/jwt' })
          res.end(jwt)
        },
      })
      await using client = session({ token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 300 } })
      await refusal(client.userinfo(`${api.url}/userinfo`), OAuthError)
    }
  })
})

describe('UserInfo (OpenID Connect Core 5.3.4)', () => {
  test('a UserInfo sub differing from the ID token sub is refused', async () => {
    const idToken = await sign(claims({ nonce: undefined }))
    state.token = () =>
      json({ access_token: ACCESS, token_type: 'Bearer', expires_in: 300, id_token: idToken })
    const api = await recorder({
      '/userinfo': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ sub: 'mallory', email: 'm@evil.test' }))
      },
    })
    await using client = session()
    await client.fetchToken(undefined, { grantType: 'password', username: 'u', password: PASSWORD })
    expect(client.token?.idTokenClaims?.sub).toBe('alice')
    await refusal(client.userinfo(`${api.url}/userinfo`), InvalidResponseError)
  })
})

describe('secrets never show in errors, inspect output or diagnostics_channel events', () => {
  const events: unknown[] = []
  const names = ['start', 'headers', 'end', 'retry', 'redirect', 'error'].map((n) => `x:pool:request:${n}`)
  const listener = (message: unknown) => events.push(message)
  beforeAll(() => {
    for (const n of names) diagnostics.subscribe(n, listener)
  })
  afterAll(() => {
    for (const n of names) diagnostics.unsubscribe(n, listener)
  })

  test('client authentication failure, refresh failure and network failure at the token endpoint', async () => {
    state.token = () =>
      json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401)
    await using client = session({
      token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 1, refresh_token: REFRESH },
    })
    assertCleanError(
      await client
        .fetchToken(undefined, { grantType: 'password', username: 'u', password: PASSWORD })
        .catch((e) => e),
    )
    assertCleanError(await client.refreshToken().catch((e) => e))
    const dead = await raw((socket) => socket.resetAndDestroy())
    assertCleanError(
      await client
        .fetchToken(`${dead.url}/token`, { grantType: 'authorization_code', code: CODE })
        .catch((e) => e),
    )
    assertClean('session', client)
  })

  test('tokenPlacement "uri": a failing resource request does not show the access token', async () => {
    const dead = await raw((socket) => socket.resetAndDestroy())
    await using client = session({
      tokenPlacement: 'uri',
      token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 300 },
    })
    const error = await client.get(`${dead.url}/resource`).catch((e) => e)
    assertCleanError(error)
    expect(error).toBeInstanceOf(Error)
  })

  test('a 401 from the resource server with the token in the URL', async () => {
    const api = await recorder({
      '/resource': (_req, res) => {
        res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"', 'content-length': 0 })
        res.end()
      },
    })
    await using client = session({
      tokenPlacement: 'uri',
      token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 300 },
    })
    const r = await client.get(`${api.url}/resource`)
    assertCleanError(
      await Promise.resolve()
        .then(() => r.raiseForStatus())
        .catch((e) => e),
    )
  })

  // Each test's events are checked after it, so no test relies on another's events.
  afterEach(() => {
    for (const [i, event] of events.entries()) assertClean(`event #${i}`, event)
    events.length = 0
  })

  test('diagnostics_channel events carry no token (x:pool:request:*)', async () => {
    state.token = () => json({ error: 'invalid_grant' }, 400)
    await using client = session()
    assertCleanError(
      await client
        .fetchToken(undefined, { grantType: 'password', username: 'u', password: PASSWORD })
        .catch((e) => e),
    )
    expect(events.length).toBeGreaterThan(0)
    for (const [i, event] of events.entries()) assertClean(`event #${i}`, event)
  })

  test('inspect of the session, its token and a token response hides the secrets', async () => {
    await using client = session({
      token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 300, refresh_token: REFRESH },
    })
    assertClean('session', client)
    assertClean('token', client.token)
    assertClean('console-style format', inspect({ client, token: client.token }, { depth: 10 }))
  })
})
