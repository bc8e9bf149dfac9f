import { disposed } from '@x/testserver/vitest'
import { test as base, describe, expect } from 'vitest'
import { createAuthorizationUrl, parseAuthorizationResponse } from '../src/authorization.js'
import { ClientCore, type CoreOptions } from '../src/client-core.js'
import { pollDeviceToken, requestDeviceAuthorization } from '../src/device-flow.js'
import { DPoPSigner } from '../src/dpop.js'
import { OAuthError } from '../src/errors/oauth-error.js'
import { validateIdToken } from '../src/id-token.js'
import { pushAuthorizationRequest } from '../src/par.js'
import { introspectToken, revokeToken } from '../src/token-management.js'
import { fetchHttp } from './helpers/fetch-http.js'
import { authorizeHeadless, HS_SECRET, REDIRECT_URI, startOp } from './helpers/op.js'

/** An oidc-provider for the file; and, for each test, `core(options)`: a ClientCore for it. */
const test = base.extend('op', { scope: 'file' }, disposed(startOp)).extend(
  'core',
  ({ op }) =>
    (options: Omit<CoreOptions, 'http' | 'issuer'>) =>
      new ClientCore({ ...options, http: fetchHttp(), issuer: op.issuer }),
)

async function codeFlow(c: ClientCore, extra: Record<string, string> = {}) {
  const metadata = (await c.metadata())!
  const request = createAuthorizationUrl(metadata.authorization_endpoint!, {
    clientId: c.clientId,
    redirectUri: REDIRECT_URI,
    scope: 'openid offline_access email',
    prompt: 'consent',
    ...extra,
  })
  const callback = await authorizeHeadless(request.url)
  const { code } = parseAuthorizationResponse(callback, {
    state: request.state,
    issuer: metadata.issuer,
    requireIssuer: metadata.authorization_response_iss_parameter_supported,
  })
  const token = await c.requestToken(metadata.token_endpoint!, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: request.codeVerifier,
  })
  return { request, token, metadata }
}

/** Signs in at the provider (scope openid) and returns the authorization code, not yet exchanged. */
async function authorizationCode(c: ClientCore) {
  const metadata = (await c.metadata())!
  const request = createAuthorizationUrl(metadata.authorization_endpoint!, {
    clientId: c.clientId,
    redirectUri: REDIRECT_URI,
    scope: 'openid',
  })
  const { code } = parseAuthorizationResponse(await authorizeHeadless(request.url), { state: request.state })
  return { metadata, request, code }
}

describe('client authentication methods against oidc-provider', () => {
  test.for<[string, Omit<CoreOptions, 'http' | 'issuer'>]>([
    ['client_secret_basic', { clientId: 'svc', clientSecret: 'svc-secret' }],
    [
      'client_secret_post',
      {
        clientId: 'svc-post',
        clientSecret: 'svc-post-secret',
        tokenEndpointAuthMethod: 'client_secret_post',
      },
    ],
    [
      'client_secret_jwt',
      { clientId: 'svc-jwt', clientSecret: HS_SECRET, tokenEndpointAuthMethod: 'client_secret_jwt' },
    ],
  ])('%s: client_credentials succeeds', async ([, options], { core }) => {
    const c = core(options)
    const token = await c.requestToken(await c.endpoint('token_endpoint'), {
      grant_type: 'client_credentials',
    })
    expect(token.token_type).toBe('Bearer')
    expect(token.expires_in).toBe(600)
  })

  test('private_key_jwt signs with the client key', async ({ op, core }) => {
    const c = core({ clientId: 'svc-pkjwt', privateKey: op.clientKey })
    expect(c.tokenEndpointAuthMethod).toBe('private_key_jwt')
    const token = await c.requestToken(await c.endpoint('token_endpoint'), {
      grant_type: 'client_credentials',
    })
    expect(token.access_token).toBeTruthy()
  })

  test('a wrong secret surfaces invalid_client', async ({ core }) => {
    const c = core({ clientId: 'svc', clientSecret: 'wrong' })
    const e = await c
      .requestToken(await c.endpoint('token_endpoint'), { grant_type: 'client_credentials' })
      .catch((x) => x)
    expect(e).toBeInstanceOf(OAuthError)
    expect(e).toMatchObject({ error: 'invalid_client', status: 401 })
  })
})

describe('authorization code with PKCE, refresh, ID token', () => {
  test('code flow, ID token validated against the JWKS with the nonce, then refresh', async ({ core }) => {
    const c = core({ clientId: 'web', clientSecret: 'web-secret' })
    const { request, token, metadata } = await codeFlow(c)
    expect(token.refresh_token).toBeTruthy()
    const claims = await validateIdToken(token.id_token!, {
      issuer: metadata.issuer,
      clientId: 'web',
      jwks: await c.jwks(),
      nonce: request.nonce,
      clockSkew: 0,
    })
    expect(claims.sub).toBe('alice')
    const refreshed = await c.requestToken(metadata.token_endpoint!, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token!,
    })
    expect(refreshed.access_token).not.toBe(token.access_token)
  })

  test('a wrong code verifier is refused by the server', async ({ core }) => {
    const c = core({ clientId: 'public' })
    const { metadata, code } = await authorizationCode(c)
    const e = await c
      .requestToken(metadata.token_endpoint!, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: 'x'.repeat(43),
      })
      .catch((x) => x)
    expect(e).toMatchObject({ error: 'invalid_grant' })
  })
})

describe('device flow, introspection, revocation, PAR', () => {
  test('device authorization, pending polls, approval', async ({ op, core }) => {
    const c = core({ clientId: 'public' })
    const auth = await requestDeviceAuthorization(c, await c.endpoint('device_authorization_endpoint'), {
      client_id: 'public',
      scope: 'openid',
    })
    expect(auth.verification_uri).toMatch(/^http:\/\/127\.0\.0\.1/)
    let pending = 0
    const token = await pollDeviceToken(c, await c.endpoint('token_endpoint'), auth, {
      interval: 20,
      onPending: ({ error }) => {
        expect(error).toBe('authorization_pending')
        if (++pending === 2) void op.approveDevice(auth.user_code)
      },
    })
    expect(pending).toBeGreaterThanOrEqual(2)
    expect(token.access_token).toBeTruthy()
  })

  test('introspection of an active token, revocation, then inactive', async ({ core }) => {
    const c = core({ clientId: 'web', clientSecret: 'web-secret' })
    const { token } = await codeFlow(c)
    const introspection = await c.endpoint('introspection_endpoint')
    const active = await introspectToken(c, introspection, token.access_token, 'access_token')
    expect(active).toMatchObject({ active: true, client_id: 'web', sub: 'alice' })
    await revokeToken(c, await c.endpoint('revocation_endpoint'), token.access_token, 'access_token')
    expect(await introspectToken(c, introspection, token.access_token)).toEqual({ active: false })
  })

  test('PAR: push the request, then authorize with request_uri', async ({ core }) => {
    const c = core({ clientId: 'web', clientSecret: 'web-secret' })
    const metadata = (await c.metadata())!
    const request = createAuthorizationUrl(metadata.authorization_endpoint!, {
      clientId: 'web',
      redirectUri: REDIRECT_URI,
      scope: 'openid',
    })
    const pushed = await pushAuthorizationRequest(
      c,
      metadata.pushed_authorization_request_endpoint!,
      Object.fromEntries(new URL(request.url).searchParams),
    )
    expect(pushed.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/)
    const url = new URL(metadata.authorization_endpoint!)
    url.searchParams.set('client_id', 'web')
    url.searchParams.set('request_uri', pushed.request_uri)
    const { code } = parseAuthorizationResponse(await authorizeHeadless(url.toString()), {
      state: request.state,
    })
    const token = await c.requestToken(metadata.token_endpoint!, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: request.codeVerifier,
    })
    expect(token.id_token).toBeTruthy()
  })
})

describe('DPoP', () => {
  test('a DPoP-bound token is issued with the proof key thumbprint', async ({ op, core }) => {
    const signer = new DPoPSigner()
    const c = core({ clientId: 'dpop', dpop: signer })
    const { token } = await codeFlow(c)
    expect(token.token_type).toBe('DPoP')
    const stored = await op.provider.AccessToken.find(token.access_token)
    expect(stored?.jkt).toBe(await signer.thumbprint())
  })

  test('the server nonce is fetched with one retry (use_dpop_nonce)', async () => {
    await using nonceOp = await startOp({ dpopNonce: true })
    const c = new ClientCore({
      clientId: 'dpop',
      http: fetchHttp(),
      issuer: nonceOp.issuer,
      dpop: new DPoPSigner(),
    })
    const { metadata, request, code } = await authorizationCode(c)
    const token = await c.requestToken(metadata.token_endpoint!, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: request.codeVerifier,
    })
    expect(token.token_type).toBe('DPoP')
    expect(nonceOp.hits.get('/token')).toBe(2)
  })
})
