import { afterAll, describe, expect, it } from 'vitest'
import { KeycloakAdmin } from './support/admin.ts'
import { clients, REALM, users, xstack } from './support/env.ts'
import { postForm } from './support/raw.ts'

const admin = new KeycloakAdmin()

interface ClientRepresentation {
  clientId: string
  publicClient: boolean
  clientAuthenticatorType?: string
  attributes?: Record<string, string>
}

describe('the committed xstack realm', () => {
  it('holds one client per flow the suite drives, configured as the suite expects', async () => {
    const { data } = await admin.request<ClientRepresentation[]>('GET', `/${REALM}/clients`)
    const byId = new Map(data.map((c) => [c.clientId, c]))
    for (const { clientId } of Object.values(clients)) expect(byId.has(clientId), clientId).toBe(true)
    expect(byId.get('xstack-web')?.attributes?.['pkce.code.challenge.method']).toBe('S256')
    expect(byId.get('xstack-par')?.attributes?.['require.pushed.authorization.requests']).toBe('true')
    expect(byId.get('xstack-dpop')?.attributes?.['dpop.bound.access.tokens']).toBe('true')
    expect(byId.get('xstack-device')?.attributes?.['oauth2.device.authorization.grant.enabled']).toBe('true')
    expect(byId.get('xstack-exchange')?.attributes?.['standard.token.exchange.enabled']).toBe('true')
    expect(byId.get('xstack-service')?.attributes?.['access.token.lifespan']).toBe('10')
    expect(byId.get('xstack-jwt')?.clientAuthenticatorType).toBe('client-jwt')
    expect(byId.get('xstack-secret-jwt')?.clientAuthenticatorType).toBe('client-secret-jwt')
  })

  it('has alice and bob with verified email and names', async () => {
    for (const user of Object.values(users)) {
      const id = await admin.userId(REALM, user.username)
      const { data } = await admin.request<Record<string, unknown>>('GET', `/${REALM}/users/${id}`)
      expect(data).toMatchObject({
        username: user.username,
        email: user.email,
        emailVerified: true,
        firstName: user.firstName,
        lastName: user.lastName,
        enabled: true,
      })
    }
  })
})

describe('KeycloakAdmin', () => {
  const created: Array<{ remove(): Promise<void> }> = []
  afterAll(async () => {
    for (const user of created) await user.remove().catch(() => {})
  })

  it('creates a temporary user that can log in, and removes it', async () => {
    const user = await admin.createUser(REALM)
    created.push(user)
    const login = await postForm(xstack.token, {
      grant_type: 'password',
      client_id: clients.public.clientId,
      username: user.username,
      password: user.password,
    })
    expect(login.status).toBe(200)
    await user.remove()
    const after = await postForm(xstack.token, {
      grant_type: 'password',
      client_id: clients.public.clientId,
      username: user.username,
      password: user.password,
    })
    expect(after.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Invalid user credentials',
    })
  })

  it('lists and deletes a user session', async () => {
    const user = await admin.createUser(REALM)
    created.push(user)
    const token = await postForm(xstack.token, {
      grant_type: 'password',
      client_id: clients.public.clientId,
      username: user.username,
      password: user.password,
    })
    const sessions = await admin.userSessions(REALM, user.id)
    expect(sessions.map((s) => s.id)).toEqual([token.json.session_state])
    await admin.deleteSession(REALM, String(token.json.session_state))
    expect(await admin.userSessions(REALM, user.id)).toEqual([])
  })

  it('rotates the realm signing key: a new active kid, the old one still published', async () => {
    const before = await admin.activeKid(REALM)
    const after = await admin.rotateSigningKey(REALM)
    expect(after).not.toBe(before)
    const jwks = (await (await fetch(xstack.jwks)).json()) as { keys: Array<{ kid: string }> }
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([before, after]))
  })
})
