// Every grant the realm offers, driven through @x/oauth2 (and @x/requests for the browser steps).
import { OAuthError } from '@x/oauth2'
import { describe, expect, it } from 'vitest'
import { browser, closeSessionsAfterEach, session } from './support/clients.ts'
import { clients, jwtPayload, REDIRECT_URI, logins, users, xstack } from './support/env.ts'
import { loginThroughForm } from './support/login-form.ts'

closeSessionsAfterEach()

const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'

describe('authorization_code with PKCE (xstack-web)', () => {
  it('logs in headlessly through the login form and exchanges the code', async () => {
    const client = session({ clientId: clients.web.clientId, redirectUri: REDIRECT_URI, scope: 'openid' })
    const request = client.createAuthorizationUrl(xstack.authorization)
    const sent = new URL(request.url).searchParams
    expect(sent.get('code_challenge_method')).toBe('S256')
    expect(sent.get('state')).toBe(request.state)

    const callback = await loginThroughForm(browser(), request.url, users.alice)
    expect(callback.params.get('iss')).toBe(xstack.issuer)
    const token = await client.fetchToken(xstack.token, { authorizationResponse: callback.location })
    expect(token.refresh_token).toBeTruthy()
    expect(token.idTokenClaims).toMatchObject({ preferred_username: 'alice', nonce: request.nonce })
    expect(jwtPayload(token.access_token).azp).toBe(clients.web.clientId)
  })

  it('without PKCE Keycloak refuses the authorization request and the callback carries its error', async () => {
    const client = session({
      clientId: clients.web.clientId,
      redirectUri: REDIRECT_URI,
      scope: 'openid',
      codeChallengeMethod: false,
    })
    const request = client.createAuthorizationUrl(xstack.authorization)
    const answer = await browser().get(request.url, { allowRedirects: false })
    const location = answer.headers.get('location') ?? ''
    const failure = client.fetchToken(xstack.token, { authorizationResponse: location })
    await expect(failure).rejects.toBeInstanceOf(OAuthError)
    await expect(failure).rejects.toMatchObject({
      error: 'invalid_request',
      description: 'Missing parameter: code_challenge_method',
    })
  })

  it('a code cannot be redeemed twice', async () => {
    const client = session({ clientId: clients.web.clientId, redirectUri: REDIRECT_URI, scope: 'openid' })
    const request = client.createAuthorizationUrl(xstack.authorization)
    const callback = await loginThroughForm(browser(), request.url, users.bob)
    await client.fetchToken(xstack.token, { authorizationResponse: callback.location })
    const again = session({ clientId: clients.web.clientId, redirectUri: REDIRECT_URI })
    const replay = again.fetchToken(xstack.token, {
      code: callback.params.get('code') ?? '',
      codeVerifier: request.codeVerifier,
    })
    await expect(replay).rejects.toMatchObject({ error: 'invalid_grant' })
  })
})

describe('client_credentials (xstack-service)', () => {
  it('returns a short-lived token without refresh token', async () => {
    const client = session({ clientId: clients.service.clientId, clientSecret: clients.service.clientSecret })
    const token = await client.fetchToken(xstack.token, { grantType: 'client_credentials' })
    // Keycloak answers expires_in = exp - now, so a second boundary between issuing and answering gives one less;
    // the token's own lifetime (exp - iat) is exact.
    expect(token.expires_in).toBeGreaterThanOrEqual(clients.service.accessTokenLifespan - 1)
    expect(token.expires_in).toBeLessThanOrEqual(clients.service.accessTokenLifespan)
    const claims = jwtPayload(token.access_token) as { exp: number; iat: number }
    expect(claims.exp - claims.iat).toBe(clients.service.accessTokenLifespan)
    expect(token.refresh_token).toBeUndefined()
    expect(claims).toMatchObject({
      azp: clients.service.clientId,
      preferred_username: 'service-account-xstack-service',
    })
  })
})

describe('password (xstack-public)', () => {
  it('returns a token for alice that userinfo accepts', async () => {
    const client = session({ clientId: clients.public.clientId, scope: 'openid' })
    const token = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    expect(token.token_type).toBe('Bearer')
    expect(token.idTokenClaims?.sub).toBe(jwtPayload(token.access_token).sub)
    const me = await client.userinfo()
    expect(me).toMatchObject({ preferred_username: 'alice', email: users.alice.email, email_verified: true })
  })
})

describe('refresh_token with rotation', () => {
  it('each refresh returns a new refresh token; the old one is refused afterwards', async () => {
    const seen: string[] = []
    const client = session({
      clientId: clients.public.clientId,
      updateToken: (token) => {
        seen.push(token.access_token)
      },
    })
    const first = await client.fetchToken(xstack.token, { ...logins.bob, grantType: 'password' })
    const second = await client.refreshToken()
    expect(second.refresh_token).toBeTruthy()
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.access_token).not.toBe(first.access_token)
    expect(client.token?.access_token).toBe(second.access_token)
    expect(seen).toEqual([first.access_token, second.access_token])

    const replay = session({ clientId: clients.public.clientId })
    const reuse = replay.fetchToken(xstack.token, {
      grantType: 'refresh_token',
      refreshToken: first.refresh_token,
    })
    await expect(reuse).rejects.toMatchObject({
      error: 'invalid_grant',
      description: 'Maximum allowed refresh token reuse exceeded',
    })
  })
})

describe('device flow (xstack-device)', () => {
  it('polls until the user approves on the verification page', async () => {
    const client = session({ clientId: clients.device.clientId, scope: 'openid' })
    const device = await client.deviceAuthorization()
    expect(device.verification_uri).toBe(`${xstack.issuer}/device`)
    expect(device.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    const polling = client.pollDeviceToken(device, { signal: AbortSignal.timeout(50_000) })
    const approval = await loginThroughForm(browser(), String(device.verification_uri_complete), users.alice)
    expect(approval.location).toContain('/device/status')
    const token = await polling
    expect(token.idTokenClaims?.preferred_username).toBe('alice')
    expect(client.token?.access_token).toBe(token.access_token)
  })

  it('ends in access_denied when the user declines', async () => {
    const client = session({ clientId: clients.device.clientId })
    const device = await client.deviceAuthorization()
    const polling = client.pollDeviceToken(device, { signal: AbortSignal.timeout(50_000) })
    await loginThroughForm(browser(), String(device.verification_uri_complete), users.bob, {
      consent: 'deny',
    })
    await expect(polling).rejects.toBeInstanceOf(OAuthError)
    await expect(polling).rejects.toMatchObject({ error: 'access_denied' })
    expect(client.token).toBeUndefined()
  })
})

describe('standard token exchange (xstack-confidential -> xstack-exchange)', () => {
  it('exchanges a token issued to xstack-confidential for one aimed at it', async () => {
    const subject = session({
      clientId: clients.confidential.clientId,
      clientSecret: clients.confidential.clientSecret,
    })
    const subjectToken = await subject.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    expect(jwtPayload(subjectToken.access_token).aud).toContain(clients.exchange.clientId)

    const exchanger = session({
      clientId: clients.exchange.clientId,
      clientSecret: clients.exchange.clientSecret,
    })
    const exchanged = await exchanger.exchangeToken(xstack.token, {
      subjectToken: subjectToken.access_token,
      subjectTokenType: ACCESS_TOKEN_TYPE,
      audience: clients.confidential.clientId,
    })
    expect(exchanged.issued_token_type).toBe(ACCESS_TOKEN_TYPE)
    const claims = jwtPayload(exchanged.access_token)
    expect(claims).toMatchObject({
      azp: clients.exchange.clientId,
      sub: jwtPayload(subjectToken.access_token).sub,
    })
    expect([claims.aud].flat()).toContain(clients.confidential.clientId)
  })

  it('refuses a subject token whose audience lacks the requesting client', async () => {
    const other = session({ clientId: clients.public.clientId })
    const subjectToken = await other.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    const exchanger = session({
      clientId: clients.exchange.clientId,
      clientSecret: clients.exchange.clientSecret,
    })
    const failure = exchanger.exchangeToken(xstack.token, {
      subjectToken: subjectToken.access_token,
      subjectTokenType: ACCESS_TOKEN_TYPE,
    })
    await expect(failure).rejects.toMatchObject({
      error: 'access_denied',
      description: 'Client is not within the token audience',
      status: 403,
    })
  })

  it('is refused to a client without standard token exchange', async () => {
    const subject = session({
      clientId: clients.confidential.clientId,
      clientSecret: clients.confidential.clientSecret,
    })
    const subjectToken = await subject.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    const failure = subject.exchangeToken(xstack.token, {
      subjectToken: subjectToken.access_token,
      subjectTokenType: ACCESS_TOKEN_TYPE,
    })
    await expect(failure).rejects.toMatchObject({
      error: 'invalid_request',
      description: 'Standard token exchange is not enabled for the requested client',
    })
  })
})

describe('pushed authorization requests (xstack-par)', () => {
  it('pushes the request, logs in with request_uri and exchanges the code', async () => {
    const client = session({
      clientId: clients.par.clientId,
      clientSecret: clients.par.clientSecret,
      redirectUri: REDIRECT_URI,
      scope: 'openid',
    })
    const pushed = await client.pushAuthorizationRequest()
    expect(pushed.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/)
    expect([...new URL(pushed.url).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri'])
    const callback = await loginThroughForm(browser(), pushed.url, users.bob)
    const token = await client.fetchToken(xstack.token, { authorizationResponse: callback.location })
    expect(token.idTokenClaims).toMatchObject({ preferred_username: 'bob', nonce: pushed.nonce })
  })

  it('a plain authorization request is refused for a client that requires PAR', async () => {
    const client = session({
      clientId: clients.par.clientId,
      clientSecret: clients.par.clientSecret,
      redirectUri: REDIRECT_URI,
    })
    const request = client.createAuthorizationUrl(xstack.authorization)
    const answer = await browser().get(request.url, { allowRedirects: false })
    const failure = client.fetchToken(xstack.token, {
      authorizationResponse: answer.headers.get('location') ?? '',
    })
    await expect(failure).rejects.toMatchObject({
      error: 'invalid_request',
      description: 'Pushed Authorization Request is only allowed.',
    })
  })
})

describe('DPoP-bound tokens (xstack-dpop)', () => {
  it('gets a DPoP token bound to the session key and uses it with proofs', async () => {
    const client = session({ clientId: clients.dpop.clientId, scope: 'openid', dpop: true })
    const token = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    expect(token.token_type).toBe('DPoP')
    expect(jwtPayload(token.access_token).cnf).toMatchObject({ jkt: expect.any(String) })
    const me = await client.userinfo()
    expect(me.preferred_username).toBe('alice')
    // The same token as a plain bearer token, without a proof, is refused.
    const plain = await browser().get(xstack.userinfo, {
      headers: { authorization: `Bearer ${token.access_token}` },
    })
    expect(plain.statusCode).toBe(401)
  })

  it('without a proof the token endpoint refuses the client', async () => {
    const client = session({ clientId: clients.dpop.clientId })
    const failure = client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    await expect(failure).rejects.toMatchObject({
      error: 'invalid_request',
      description: 'DPoP proof is missing',
    })
  })
})
