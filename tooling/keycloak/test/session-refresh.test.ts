// Automatic renewal in an OAuth2Session against Keycloak's 10 s access tokens. A counting proxy in front of
// Keycloak tells how many token requests the session really made.
import { MissingTokenError, OAuthError, type OAuth2Token } from '@x/oauth2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeycloakAdmin } from './support/admin.ts'
import { closeSessionsAfterEach, session } from './support/clients.ts'
import { type CountingProxy, startCountingProxy } from '@x/testserver/counting-proxy'
import { clients, KEYCLOAK_URL, REALM, realmEndpoints, logins, xstack } from './support/env.ts'

closeSessionsAfterEach()
const admin = new KeycloakAdmin()
const TOKEN_PATH = '/protocol/openid-connect/token'
const USERINFO_PATH = '/protocol/openid-connect/userinfo'

let proxy: CountingProxy
let proxied: ReturnType<typeof realmEndpoints>
beforeAll(async () => {
  proxy = await startCountingProxy(KEYCLOAK_URL)
  proxied = realmEndpoints(REALM, proxy.url)
})
afterAll(async () => {
  await proxy.close()
})

/** Waits until Keycloak itself considers the token expired (same clock: one machine). */
async function outlive(token: OAuth2Token): Promise<void> {
  const until = Number(token.expires_at) * 1000 + 1000
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())))
  const stale = await fetch(xstack.userinfo, { headers: { authorization: `Bearer ${token.access_token}` } })
  await stale.body?.cancel()
  expect(stale.status, 'Keycloak still accepts the old token').toBe(401)
}

describe('automatic refresh with a refresh token (xstack-short, 10 s tokens)', () => {
  it('50 concurrent requests on an expired token make exactly one refresh call, updateToken sees each token', async () => {
    const updates: OAuth2Token[] = []
    const client = session({
      clientId: clients.short.clientId,
      issuer: undefined,
      scope: 'openid',
      leeway: 0,
      updateToken: (token) => {
        updates.push(token)
      },
    })
    const first = await client.fetchToken(proxied.token, { ...logins.alice, grantType: 'password' })
    // expires_in is exp - now at Keycloak: a second boundary while answering gives one less.
    expect(first.expires_in).toBeGreaterThanOrEqual(clients.short.accessTokenLifespan - 1)
    expect(first.expires_in).toBeLessThanOrEqual(clients.short.accessTokenLifespan)
    expect((await client.get(proxied.userinfo)).statusCode).toBe(200)

    await outlive(first)
    proxy.reset()
    const answers = await Promise.all(Array.from({ length: 50 }, () => client.get(proxied.userinfo)))
    expect(answers.map((r) => r.statusCode)).toEqual(Array(50).fill(200))
    expect(proxy.count(TOKEN_PATH, 'POST')).toBe(1)
    expect(proxy.count(USERINFO_PATH)).toBe(50)

    const current = client.token
    expect(current?.access_token).not.toBe(first.access_token)
    expect(current?.refresh_token).not.toBe(first.refresh_token) // rotated, and the old one is now spent
    expect(updates.map((t) => t.access_token)).toEqual([first.access_token, current?.access_token])
  })

  it('requests keep working across expiry with the default leeway, one token request per renewal', async () => {
    const updates: string[] = []
    const client = session({
      clientId: clients.short.clientId,
      issuer: undefined,
      scope: 'openid',
      updateToken: (token) => {
        updates.push(token.access_token)
      },
    })
    proxy.reset()
    const first = await client.fetchToken(proxied.token, { ...logins.bob, grantType: 'password' })
    const statuses: number[] = []
    const end = Number(first.expires_at) * 1000 + 1500
    while (Date.now() < end) {
      statuses.push((await client.get(proxied.userinfo)).statusCode)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(statuses.every((status) => status === 200)).toBe(true)
    // The first token is dead by now, so at least one renewal happened; each was one token request.
    expect(updates.length).toBeGreaterThanOrEqual(2)
    expect(new Set(updates).size).toBe(updates.length)
    expect(proxy.count(TOKEN_PATH, 'POST')).toBe(updates.length)
  })
})

describe('automatic re-authentication for client_credentials (xstack-service, 10 s tokens)', () => {
  it('50 concurrent requests on an expired token make exactly one token request', async () => {
    const updates: string[] = []
    const client = session({
      clientId: clients.service.clientId,
      clientSecret: clients.service.clientSecret,
      issuer: undefined,
      scope: 'openid', // userinfo wants it
      leeway: 0,
      updateToken: (token) => {
        updates.push(token.access_token)
      },
    })
    const first = await client.fetchToken(proxied.token, { grantType: 'client_credentials' })
    expect(first.refresh_token).toBeUndefined()
    await outlive(first)
    proxy.reset()
    const answers = await Promise.all(Array.from({ length: 50 }, () => client.get(proxied.userinfo)))
    expect(answers.map((r) => r.statusCode)).toEqual(Array(50).fill(200))
    expect(proxy.count(TOKEN_PATH, 'POST')).toBe(1)
    expect(updates).toHaveLength(2)
    expect(updates[1]).toBe(client.token?.access_token)
  })
})

describe('a session removed on the server', () => {
  it('ends in one OAuthError shared by every waiting request, not a loop', async () => {
    const client = session({ clientId: clients.short.clientId, issuer: undefined, scope: 'openid' })
    const token = await client.fetchToken(proxied.token, { ...logins.bob, grantType: 'password' })
    await admin.deleteSession(REALM, String(token.session_state))
    // Expired on the client's clock: the next requests must renew first.
    client.token = { ...token.toJSON(), expires_at: Math.floor(Date.now() / 1000) - 1 }
    proxy.reset()

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.get(proxied.userinfo)))
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason : r.value))
    expect(reasons.every((reason) => reason instanceof OAuthError)).toBe(true)
    expect(new Set(reasons).size).toBe(1)
    expect(String(reasons[0])).toContain('invalid_grant: Session not active')
    expect(proxy.count(TOKEN_PATH, 'POST')).toBe(1)
    expect(proxy.count(USERINFO_PATH)).toBe(0)

    expect(client.token).toBeUndefined()
    await expect(client.get(proxied.userinfo)).rejects.toBeInstanceOf(MissingTokenError)
    expect(proxy.count(TOKEN_PATH, 'POST')).toBe(1)
  })

  it('a still-valid token whose session was removed: one 401, one refresh attempt, one OAuthError', async () => {
    const client = session({ clientId: clients.short.clientId, issuer: undefined, scope: 'openid' })
    const token = await client.fetchToken(proxied.token, { ...logins.alice, grantType: 'password' })
    await admin.deleteSession(REALM, String(token.session_state))
    proxy.reset()
    const failure = client.get(proxied.userinfo)
    await expect(failure).rejects.toBeInstanceOf(OAuthError)
    await expect(failure).rejects.toMatchObject({ error: 'invalid_grant' })
    expect(proxy.count(USERINFO_PATH)).toBe(1)
    expect(proxy.count(TOKEN_PATH, 'POST')).toBe(1)
    expect(client.token).toBeUndefined()
  })
})
