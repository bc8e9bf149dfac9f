// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
import type { OAuth2Session as Session_ } from '@x/oauth2'
import { client, issuer, tokenUrl } from './readme-names.ts'
export { client }

// For the type check only: the examples that use these need a browser login and are never run.
declare const web: Session_
declare const idToken: string
declare const nonce: string
import assert from 'node:assert/strict'
import { MemoryTokenStore, OAuth2Session, OAuth2Token } from '@x/oauth2'
import { ConnectionError, Timeout } from '@x/requests'
import { readFile } from 'node:fs/promises'
import { Responses } from '@x/requests/testing'

export async function example1(): Promise<void> {

  // a Keycloak with its master realm's admin user (tooling/keycloak starts one; CI sets KEYCLOAK_URL)
  const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8080'
  const tokenUrl = `${keycloak}/realms/master/protocol/openid-connect/token`
  const client = new OAuth2Session({ clientId: 'admin-cli' })
  const token = await client.fetchToken(tokenUrl, {
    username: 'admin',
    password: 'admin',
    grantType: 'password',
  })
  console.log(token) // OAuth2Token { access_token: '[REDACTED]', expires_in: 60, refresh_token: '[REDACTED]', ... }

  const users = await client.get(`${keycloak}/admin/realms/master/users/count`) // Bearer token attached
  console.log(users.json())
  await client.close()
}

export async function example2(): Promise<void> {

  try {
    await client.get('http://127.0.0.1:8000/api')
  } catch (e) {
    if (e instanceof ConnectionError || e instanceof Timeout) console.log('API or identity provider unreachable: retry later')
  }
}

export async function example3(): Promise<void> {

  const saved = await readFile('token.json', 'utf8') // written by an updateToken hook
  const service = new OAuth2Session({
    clientId: 'svc',
    clientSecret: 's',
    tokenEndpoint: tokenUrl,
    grantType: 'client_credentials',
    token: new OAuth2Token(JSON.parse(saved)), // optional: without it the first request fetches one
  })
  await service.get('http://127.0.0.1:8000/api')
}

export async function example4(): Promise<void> {
  const token = await client.fetchToken(tokenUrl, {
    grantType: 'client_credentials',
    signal: AbortSignal.timeout(10_000),
    timeout: { connect: 1_000, read: 5_000 },
  })
  await client.revokeToken(undefined, token.refresh_token, 'refresh_token', { timeout: 2_000 })
}

export async function example5(): Promise<void> {

  const tokenStore = new MemoryTokenStore()
  const a = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl, grantType: 'client_credentials', tokenStore })
  const b = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl, grantType: 'client_credentials', tokenStore })
  await Promise.all([a.get('http://127.0.0.1:8000/api'), b.get('http://127.0.0.1:8000/api')]) // one token request
}

export async function example6(): Promise<void> {

  const issuer = 'http://127.0.0.1:8080/realms/xstack'
  const tokenUrl = `${issuer}/protocol/openid-connect/token`
}

export async function example7(): Promise<void> {
  const client = new OAuth2Session({ clientId: 'xstack-public' })
  await client.fetchToken(tokenUrl, { username: 'alice', password: 'alice-password' }) // grantType inferred
}

export async function example8(): Promise<void> {
  const service = new OAuth2Session({
    clientId: 'xstack-service',
    clientSecret: 'xstack-service-secret',
    tokenEndpoint: tokenUrl,
    scope: 'openid', // Keycloak's userinfo answers 403 "Missing openid scope" without it
  })
  await service.fetchToken(undefined, { grantType: 'client_credentials' })
  const me = await service.get(`${issuer}/protocol/openid-connect/userinfo`) // a fresh token whenever one is due
  me.raiseForStatus()
}

export async function example9(): Promise<void> {
  const web = new OAuth2Session({
    clientId: 'xstack-web',
    issuer,
    redirectUri: 'http://127.0.0.1/callback',
    scope: 'openid email',
  })
  const metadata = await web.metadata()
  const { url } = web.createAuthorizationUrl(metadata!.authorization_endpoint!)
  // ... the browser comes back to http://127.0.0.1/callback?code=...&state=...&iss=...
  const callbackUrl = 'http://127.0.0.1/callback?code=...&state=...'
  const token = await web.fetchToken(undefined, { authorizationResponse: callbackUrl })
  token.idTokenClaims // validated ID token claims (signature via JWKS, iss, aud, azp, exp, iat, nonce)
}

export async function example10(): Promise<void> {
  await client.refreshToken() // or client.fetchToken(tokenUrl, { grantType: 'refresh_token', refreshToken })
}

export async function example11(): Promise<void> {
  const tv = new OAuth2Session({ clientId: 'xstack-device', issuer, scope: 'openid' })
  const device = await tv.deviceAuthorization()
  console.log(
    `Open ${device.verification_uri_complete ?? device.verification_uri} and enter ${device.user_code}`,
  )
  const deviceToken = await tv.pollDeviceToken(device)
}

export async function example12(): Promise<void> {
  const exchanger = new OAuth2Session({ clientId: 'xstack-exchange', clientSecret: 'xstack-exchange-secret' })
  await exchanger.exchangeToken(tokenUrl, {
    subjectToken: 'an access token',
    subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
    audience: 'xstack-confidential',
  })
}

export async function example13(): Promise<void> {
  await client.fetchToken(tokenUrl, {
    grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: 'a.signed.jwt',
  })
}

export async function example14(): Promise<void> {
  const claims = await web.validateIdToken(idToken, { nonce }) // an unknown kid refetches the JWKS once, shared
  const me = await web.userinfo() // sub must equal the ID token's
  await web.revokeToken() // RFC 7009, default: the refresh token (ends the session), else the access token
  const info = await web.introspectToken() // RFC 7662, validated: { active, scope, sub, ... }
  const logout = await web.endSessionUrl({ postLogoutRedirectUri: 'http://127.0.0.1/logged-out' })
}

export async function example15(): Promise<void> {
  client.registerClientAuthMethod('api_key', (ctx) => {
    ctx.headers['x-api-key'] = ctx.clientSecret ?? ''
  })
}

export async function example16(): Promise<void> {

  await using mock = new Responses()
  mock.token('http://idp.test/token', { access_token: 'at-1', expires_in: 300 })
  mock.add('GET', 'http://api.test/orders', { json: [{ id: 7 }] })

  await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 'svc-secret', dispatcher: mock.dispatcher })
  await client.fetchToken('http://idp.test/token', { grantType: 'client_credentials' })
  const orders = await client.get('http://api.test/orders')

  assert.deepEqual(orders.json(), [{ id: 7 }])
  assert.equal(mock.calls[1]?.headers.authorization, 'Bearer at-1')
  assert.equal(new URLSearchParams(mock.calls[0]?.body).get('grant_type'), 'client_credentials')
  mock.assertAllCalled()
}
