// The seeds, exactly: the password grant with admin-cli on master, the session removed through the admin API,
// and the refresh that fails afterwards.
import { OAuth2Session, OAuthError } from '@x/oauth2'
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN, KEYCLOAK_URL, master } from './support/env.ts'

describe('the seeds against Keycloak', () => {
  let client: OAuth2Session | undefined
  afterEach(async () => {
    await client?.close()
  })

  it('password grant with admin-cli/admin/admin returns every field the seed prints', async () => {
    client = new OAuth2Session({ clientId: ADMIN.clientId })
    const token = await client.fetchToken(master.token, {
      username: ADMIN.username,
      password: ADMIN.password,
      grantType: 'password',
    })
    for (const field of [
      'access_token',
      'expires_in',
      'refresh_expires_in',
      'refresh_token',
      'token_type',
      'session_state',
      'scope',
    ]) {
      expect(token, field).toHaveProperty(field)
    }
    expect(token.token_type).toBe('Bearer')
    expect(token.expires_in).toBeGreaterThan(0)
    expect(token.expires_at).toBeGreaterThan(Date.now() / 1000)
    expect(typeof token.session_state).toBe('string')
  })

  it('after DELETE /admin/realms/master/sessions/{session_state} the refresh fails with invalid_grant: Session not active', async () => {
    client = new OAuth2Session({ clientId: ADMIN.clientId })
    const token = await client.fetchToken(master.token, {
      username: ADMIN.username,
      password: ADMIN.password,
      grantType: 'password',
    })
    // The seed removes the session with the admin token of that very session.
    const removed = await client.delete(`${KEYCLOAK_URL}/admin/realms/master/sessions/${token.session_state}`)
    expect(removed.statusCode).toBe(204)

    let failure: unknown
    try {
      await client.fetchToken(master.token, { grantType: 'refresh_token', refreshToken: token.refresh_token })
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(OAuthError)
    expect(String(failure)).toContain('invalid_grant: Session not active')
    expect(failure).toMatchObject({ error: 'invalid_grant', description: 'Session not active', status: 400 })
    // Secrets stay out of what an error prints.
    expect(String(failure)).not.toContain(String(token.refresh_token))
    // The session's own refresh token was refused: the session forgets the token instead of retrying it.
    expect(client.token).toBeUndefined()
  })
})
