// Every client authentication method the realm defines, and Keycloak's own answers to wrong credentials.
// Keycloak 26.7 answers a wrong secret of a known client with `unauthorized_client` (401) and keeps
// `invalid_client` for an unknown client or a JWT assertion whose signature does not verify.
import { generateKeyPairSync } from 'node:crypto'
import { OAuthError } from '@x/oauth2'
import { describe, expect, it } from 'vitest'
import { closeSessionsAfterEach, session, xstackJwtKey } from './support/clients.ts'
import { clients, jwtPayload, logins, xstack } from './support/env.ts'

closeSessionsAfterEach()

const INVALID_CREDENTIALS = 'Invalid client or Invalid client credentials'

async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof OAuthError) return error
    throw error
  }
  throw new Error('expected the token request to fail')
}

describe('client_secret_basic and client_secret_post (xstack-confidential)', () => {
  for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
    it(`${method} authenticates with the secret`, async () => {
      const client = session({
        clientId: clients.confidential.clientId,
        clientSecret: clients.confidential.clientSecret,
        tokenEndpointAuthMethod: method,
      })
      expect(client.tokenEndpointAuthMethod).toBe(method)
      const token = await client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' })
      expect(jwtPayload(token.access_token).azp).toBe(clients.confidential.clientId)
    })

    it(`${method} with a wrong secret surfaces unauthorized_client`, async () => {
      const client = session({
        clientId: clients.confidential.clientId,
        clientSecret: 'not-the-secret',
        tokenEndpointAuthMethod: method,
      })
      const error = await failure(client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' }))
      expect(error).toMatchObject({
        error: 'unauthorized_client',
        description: INVALID_CREDENTIALS,
        status: 401,
      })
      expect(String(error)).toContain(`unauthorized_client: ${INVALID_CREDENTIALS}`)
      expect(String(error)).not.toContain('not-the-secret')
    })
  }

  it('basic is the default with a secret', () => {
    const client = session({ clientId: clients.confidential.clientId, clientSecret: 'x' })
    expect(client.tokenEndpointAuthMethod).toBe('client_secret_basic')
  })

  it('an unknown client is invalid_client', async () => {
    const client = session({ clientId: 'xstack-nobody', clientSecret: 'x' })
    const error = await failure(client.fetchToken(xstack.token, { grantType: 'client_credentials' }))
    expect(error).toMatchObject({ error: 'invalid_client', description: INVALID_CREDENTIALS, status: 401 })
  })

  it('a confidential client without its secret (none) is refused', async () => {
    const client = session({ clientId: clients.confidential.clientId })
    expect(client.tokenEndpointAuthMethod).toBe('none')
    const error = await failure(client.fetchToken(xstack.token, { ...logins.alice, grantType: 'password' }))
    expect(error).toMatchObject({ error: 'unauthorized_client', description: INVALID_CREDENTIALS })
  })
})

describe('none (xstack-public)', () => {
  it('a wrong password is invalid_grant: Invalid user credentials', async () => {
    const client = session({ clientId: clients.public.clientId })
    const error = await failure(client.fetchToken(xstack.token, { username: 'alice', password: 'wrong' }))
    expect(String(error)).toContain('invalid_grant: Invalid user credentials')
    expect(error).toMatchObject({ error: 'invalid_grant', status: 400 })
    expect(String(error)).not.toContain('wrong')
  })

  it('an unknown user gets the same answer (no user enumeration)', async () => {
    const client = session({ clientId: clients.public.clientId })
    const error = await failure(client.fetchToken(xstack.token, { username: 'nobody', password: 'x' }))
    expect(error).toMatchObject({ error: 'invalid_grant', description: 'Invalid user credentials' })
  })

  it('a public client may not use client_credentials', async () => {
    const client = session({ clientId: clients.public.clientId })
    const error = await failure(client.fetchToken(xstack.token, { grantType: 'client_credentials' }))
    expect(error).toMatchObject({
      error: 'unauthorized_client',
      description: 'Public client not allowed to retrieve service account',
    })
  })
})

describe('private_key_jwt (xstack-jwt, JWKS owned by the suite)', () => {
  it('signs the client assertion with the fixture key', async () => {
    const client = session({ clientId: clients.jwt.clientId, privateKey: xstackJwtKey() })
    expect(client.tokenEndpointAuthMethod).toBe('private_key_jwt')
    const token = await client.fetchToken(xstack.token, { grantType: 'client_credentials' })
    expect(jwtPayload(token.access_token).azp).toBe(clients.jwt.clientId)
    const user = await client.fetchToken(xstack.token, { ...logins.bob, grantType: 'password' })
    expect(jwtPayload(user.access_token).preferred_username).toBe('bob')
  })

  it('an assertion signed by another key is invalid_client', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
    const client = session({ clientId: clients.jwt.clientId, privateKey: { ...other, kid: clients.jwt.kid } })
    const error = await failure(client.fetchToken(xstack.token, { grantType: 'client_credentials' }))
    expect(error).toMatchObject({
      error: 'invalid_client',
      description: 'Client authentication with signed JWT failed: Signature on JWT token failed validation',
    })
  })
})

describe('client_secret_jwt (xstack-secret-jwt)', () => {
  it('signs the client assertion with the shared secret (HS256)', async () => {
    const client = session({
      clientId: clients.secretJwt.clientId,
      clientSecret: clients.secretJwt.clientSecret,
      tokenEndpointAuthMethod: 'client_secret_jwt',
    })
    const token = await client.fetchToken(xstack.token, { grantType: 'client_credentials' })
    expect(jwtPayload(token.access_token).azp).toBe(clients.secretJwt.clientId)
  })

  it('an assertion signed with a wrong secret is unauthorized_client', async () => {
    const client = session({
      clientId: clients.secretJwt.clientId,
      clientSecret: 'wrong-secret-wrong-secret-wrong-secret',
      tokenEndpointAuthMethod: 'client_secret_jwt',
    })
    const error = await failure(client.fetchToken(xstack.token, { grantType: 'client_credentials' }))
    expect(error.error).toBe('unauthorized_client')
    expect(error.description).toMatch(/^Client authentication with client secret signed JWT failed/)
  })

  it('the secret sent as basic auth is refused: the client requires an assertion', async () => {
    const client = session({
      clientId: clients.secretJwt.clientId,
      clientSecret: clients.secretJwt.clientSecret,
    })
    const error = await failure(client.fetchToken(xstack.token, { grantType: 'client_credentials' }))
    expect(error).toMatchObject({
      error: 'invalid_client',
      description: 'Parameter client_assertion_type is missing',
    })
  })
})
