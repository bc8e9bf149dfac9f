import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { InvalidResponseError, IssuerMismatchError, OAuth2Session } from '../src/index.js'
import { authorizeHeadless, REDIRECT_URI, type RunningOp, startOp } from './helpers/op.js'

const test = serverTest(startOp)

const web = (op: RunningOp) =>
  new OAuth2Session({
    clientId: 'web',
    clientSecret: 'web-secret',
    issuer: op.issuer,
    redirectUri: REDIRECT_URI,
    scope: 'openid email offline_access',
  })

async function login(client: OAuth2Session) {
  const metadata = (await client.metadata())!
  const request = client.createAuthorizationUrl(metadata.authorization_endpoint!, { prompt: 'consent' })
  const callback = await authorizeHeadless(request.url)
  return client.fetchToken(undefined, { authorizationResponse: callback })
}

describe('OpenID Connect through OAuth2Session', () => {
  test('discovery, code + PKCE, ID token validated with the nonce, userinfo with the sub check', async ({
    server: op,
  }) => {
    await using client = web(op)
    const token = await login(client)
    expect(token.idTokenClaims).toMatchObject({ sub: 'alice', aud: 'web', iss: op.issuer })
    expect(Object.keys(token)).not.toContain('idTokenClaims')
    const me = await client.userinfo()
    expect(me).toMatchObject({ sub: 'alice', email: 'alice@example.test' })
  })

  test('refresh keeps working and re-validates the ID token; revocation and introspection', async ({
    server: op,
  }) => {
    await using client = web(op)
    const first = await login(client)
    const second = await client.refreshToken()
    expect(second.access_token).not.toBe(first.access_token)
    expect(await client.introspectToken()).toMatchObject({ active: true, sub: 'alice' })
    await client.revokeToken()
    expect(await client.introspectToken()).toEqual({ active: false })
  })

  test('an iss from another issuer is refused (RFC 9207)', async ({ server: op }) => {
    await using client = web(op)
    const metadata = (await client.metadata())!
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true)
    const { state } = client.createAuthorizationUrl(metadata.authorization_endpoint!)
    const e = await client
      .fetchToken(undefined, {
        authorizationResponse: `${REDIRECT_URI}?code=x&state=${state}&iss=https%3A%2F%2Fevil.example`,
      })
      .catch((x) => x)
    expect(e).toBeInstanceOf(IssuerMismatchError)
    const missing = await client
      .fetchToken(undefined, { authorizationResponse: `${REDIRECT_URI}?code=x&state=${state}` })
      .catch((x) => x)
    expect(missing).toBeInstanceOf(IssuerMismatchError)
  })

  test('userinfo refuses a sub that differs from the ID token', async ({ server: op }) => {
    await using client = web(op)
    await login(client)
    Object.defineProperty(client.token!, 'idTokenClaims', { value: { sub: 'mallory' } })
    await expect(client.userinfo()).rejects.toBeInstanceOf(InvalidResponseError)
  })

  test('end-session URL carries the ID token hint', async ({ server: op }) => {
    await using client = web(op)
    const token = await login(client)
    const url = new URL(
      await client.endSessionUrl({ postLogoutRedirectUri: 'http://127.0.0.1:9/bye', state: 's' }),
    )
    expect(url.pathname).toBe('/session/end')
    expect(url.searchParams.get('id_token_hint')).toBe(token.id_token)
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:9/bye')
    expect(url.searchParams.get('client_id')).toBe('web')
  })

  test('PAR: the request is pushed, the browser only gets request_uri', async ({ server: op }) => {
    await using client = web(op)
    const pushed = await client.pushAuthorizationRequest()
    const url = new URL(pushed.url)
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri'])
    const token = await client.fetchToken(undefined, {
      authorizationResponse: await authorizeHeadless(pushed.url),
    })
    expect(token.idTokenClaims?.sub).toBe('alice')
  })

  test('device flow through the session', async ({ server: op }) => {
    await using client = new OAuth2Session({ clientId: 'public', issuer: op.issuer, scope: 'openid' })
    const device = await client.deviceAuthorization()
    let polls = 0
    const token = await client.pollDeviceToken(device, {
      interval: 10,
      onPending: () => {
        if (++polls === 1) void op.approveDevice(device.user_code)
      },
    })
    expect(client.token).toBe(token)
    expect(token.idTokenClaims?.sub).toBe('alice')
  })

  test('client_credentials with private_key_jwt, and automatic use at a protected endpoint', async ({
    server: op,
  }) => {
    await using client = new OAuth2Session({
      clientId: 'svc-pkjwt',
      privateKey: op.clientKey,
      issuer: op.issuer,
    })
    expect(client.tokenEndpointAuthMethod).toBe('private_key_jwt')
    const token = await client.fetchToken()
    expect(token.token_type).toBe('Bearer')
  })

  test('DPoP: the token is DPoP-bound and resource requests carry a proof', async ({ server: op }) => {
    await using client = new OAuth2Session({
      clientId: 'dpop',
      issuer: op.issuer,
      redirectUri: REDIRECT_URI,
      scope: 'openid email',
      dpop: true,
    })
    const token = await login(client)
    expect(token.token_type).toBe('DPoP')
    expect(await client.userinfo()).toMatchObject({ sub: 'alice' })
  })
})
