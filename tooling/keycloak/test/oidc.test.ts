// OpenID Connect against Keycloak: discovery, ID tokens (also across a realm key rotation), userinfo,
// introspection, revocation and end-session.
import { InvalidIdTokenError, IssuerMismatchError } from '@x/oauth2'
import { describe, expect, it } from 'vitest'
import { KeycloakAdmin } from './support/admin.ts'
import { browser, closeSessionsAfterEach, session } from './support/clients.ts'
import {
  clients,
  jwtHeader,
  POST_LOGOUT_REDIRECT_URI,
  REALM,
  REDIRECT_URI,
  logins,
  users,
  xstack,
} from './support/env.ts'
import { loginThroughForm } from './support/login-form.ts'

closeSessionsAfterEach()
const admin = new KeycloakAdmin()

describe('discovery', () => {
  it('reads the realm metadata from the issuer, issuer checked', async () => {
    const client = session({ clientId: clients.public.clientId })
    const metadata = await client.metadata()
    expect(metadata).toMatchObject({
      issuer: xstack.issuer,
      authorization_endpoint: xstack.authorization,
      token_endpoint: xstack.token,
      userinfo_endpoint: xstack.userinfo,
      introspection_endpoint: xstack.introspection,
      revocation_endpoint: xstack.revocation,
      end_session_endpoint: xstack.endSession,
      device_authorization_endpoint: xstack.deviceAuthorization,
      pushed_authorization_request_endpoint: xstack.par,
      jwks_uri: xstack.jwks,
    })
    expect(metadata?.code_challenge_methods_supported).toContain('S256')
  })

  it('refuses metadata whose issuer is not the one asked for', async () => {
    // The URL resolves to realm master's document, whose issuer is not the string the client was given.
    const client = session({ clientId: clients.public.clientId, issuer: `${xstack.issuer}/../master` })
    await expect(client.metadata()).rejects.toBeInstanceOf(IssuerMismatchError)
  })
})

describe('ID tokens', () => {
  it('validates the ID token of a login (signature, iss, aud, azp, nonce)', async () => {
    const client = session({ clientId: clients.web.clientId, redirectUri: REDIRECT_URI, scope: 'openid' })
    const request = client.createAuthorizationUrl(xstack.authorization)
    const callback = await loginThroughForm(browser(), request.url, users.bob)
    const token = await client.fetchToken(xstack.token, { authorizationResponse: callback.location })
    expect(token.idTokenClaims).toMatchObject({
      iss: xstack.issuer,
      aud: clients.web.clientId,
      azp: clients.web.clientId,
      nonce: request.nonce,
      email: users.bob.email,
    })
    const id = String(token.id_token)
    expect(await client.validateIdToken(id, { nonce: String(request.nonce) })).toMatchObject({
      sub: token.idTokenClaims?.sub,
    })
    await expect(client.validateIdToken(id, { nonce: 'another-nonce' })).rejects.toBeInstanceOf(
      InvalidIdTokenError,
    )
  })

  it('rejects a tampered ID token and one issued to another client', async () => {
    const client = session({ clientId: clients.public.clientId, scope: 'openid' })
    const token = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    const [header, payload, signature] = String(token.id_token).split('.') as [string, string, string]
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        email: 'mallory@xstack.test',
      }),
    ).toString('base64url')
    await expect(client.validateIdToken(`${header}.${forged}.${signature}`)).rejects.toBeInstanceOf(
      InvalidIdTokenError,
    )
    const other = session({ clientId: clients.web.clientId })
    await expect(other.validateIdToken(String(token.id_token))).rejects.toBeInstanceOf(InvalidIdTokenError)
  })

  it('keeps validating after a realm key rotation done through the admin API', async () => {
    const client = session({ clientId: clients.public.clientId, scope: 'openid' })
    const before = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    const oldKid = jwtHeader(String(before.id_token)).kid
    expect(oldKid).toBe(await admin.activeKid(REALM))

    const newKid = await admin.rotateSigningKey(REALM)
    // A new login is signed with the new key, unknown to the session's cached JWKS: it refetches once.
    const after = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    expect(jwtHeader(String(after.id_token)).kid).toBe(newKid)
    expect(after.idTokenClaims?.sub).toBe(before.idTokenClaims?.sub)
    // Tokens signed before the rotation stay valid while the old key is published.
    expect((await client.validateIdToken(String(before.id_token))).sub).toBe(before.idTokenClaims?.sub)
    // And the access token signed with the new key is accepted by Keycloak itself.
    expect((await client.userinfo()).preferred_username).toBe('alice')
  })
})

describe('userinfo', () => {
  it('returns the profile of the token’s user, sub matching the ID token', async () => {
    const client = session({ clientId: clients.public.clientId, scope: 'openid' })
    const token = await client.fetchToken(xstack.token, { ...logins.bob, grantType: 'password' })
    const me = await client.userinfo()
    expect(me).toEqual({
      sub: token.idTokenClaims?.sub,
      email_verified: true,
      name: 'Bob Builder',
      preferred_username: 'bob',
      given_name: 'Bob',
      family_name: 'Builder',
      email: users.bob.email,
    })
  })
})

describe('introspection and revocation (xstack-confidential)', () => {
  it('an active token introspects as active; revokeToken() revokes the refresh token and ends the session', async () => {
    const client = session({
      clientId: clients.confidential.clientId,
      clientSecret: clients.confidential.clientSecret,
    })
    const token = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    const active = await client.introspectToken(undefined, token.access_token, 'access_token')
    expect(active).toMatchObject({
      active: true,
      username: 'alice',
      client_id: clients.confidential.clientId,
    })
    const refresh = await client.introspectToken(undefined, token.refresh_token, 'refresh_token')
    expect(refresh.active).toBe(true)

    // As Authlib: with no token argument the refresh token is revoked, which ends the Keycloak session.
    await client.revokeToken()
    expect(await client.introspectToken(undefined, token.access_token)).toEqual({ active: false })
    await expect(client.refreshToken()).rejects.toMatchObject({ error: 'invalid_grant' })
  })

  it('revoking the refresh token ends the session: the next refresh is refused', async () => {
    const client = session({
      clientId: clients.confidential.clientId,
      clientSecret: clients.confidential.clientSecret,
    })
    const token = await client.fetchToken(xstack.token, { ...logins.bob, grantType: 'password' })
    await client.revokeToken(undefined, token.refresh_token, 'refresh_token')
    expect((await client.introspectToken(undefined, token.refresh_token, 'refresh_token')).active).toBe(false)
    await expect(client.refreshToken()).rejects.toMatchObject({
      error: 'invalid_grant',
      description: 'Session not active',
    })
  })
})

describe('end-session', () => {
  it('logs the user out with id_token_hint and redirects to the post-logout URI with state', async () => {
    const client = session({ clientId: clients.public.clientId, scope: 'openid' })
    const token = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
    const url = await client.endSessionUrl({ postLogoutRedirectUri: POST_LOGOUT_REDIRECT_URI, state: 'bye' })
    const params = new URL(url).searchParams
    expect(params.get('id_token_hint')).toBe(token.id_token)
    expect(params.get('client_id')).toBe(clients.public.clientId)

    const answer = await browser().get(url, { allowRedirects: false })
    expect(answer.statusCode).toBe(302)
    expect(answer.headers.get('location')).toBe(`${POST_LOGOUT_REDIRECT_URI}?state=bye`)
    const userId = await admin.userId(REALM, 'alice')
    const sessions = await admin.userSessions(REALM, userId)
    expect(sessions.map((s) => s.id)).not.toContain(token.session_state)
    await expect(client.refreshToken()).rejects.toMatchObject({ error: 'invalid_grant' })
  })
})
