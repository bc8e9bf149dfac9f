// Issue 14 "Token lifecycle" and issue 17's in-process store against the real Keycloak: a client-credentials
// session fetches its first token lazily, once; sessions sharing a MemoryTokenStore share one token; a restored
// token is renewed by client credentials (grantType); concurrent fetchToken() calls make one request. Token
// requests are counted by a proxy in front of Keycloak.
import { MemoryTokenStore, OAuth2Token } from '@x/oauth2'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { closeSessionsAfterEach, session } from './support/clients.ts'
import { type CountingProxy, startCountingProxy } from '@x/testserver/counting-proxy'
import { clients, jwtPayload, KEYCLOAK_URL, xstack } from './support/env.ts'

closeSessionsAfterEach()

let proxy: CountingProxy
let tokenEndpoint: string
beforeAll(async () => {
  proxy = await startCountingProxy(KEYCLOAK_URL)
  tokenEndpoint = xstack.token.replace(KEYCLOAK_URL, proxy.url)
})
beforeEach(() => proxy.reset())
afterAll(() => proxy.close())

const service = () => ({
  clientId: clients.service.clientId,
  clientSecret: clients.service.clientSecret,
  grantType: 'client_credentials',
  tokenEndpoint,
})
const tokenRequests = () => proxy.count('/protocol/openid-connect/token', 'POST')

describe('client credentials against Keycloak (xstack-service)', () => {
  it('the first requests fetch one token lazily, without fetchToken()', async () => {
    const client = session(service())
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.get(xstack.discovery)))
    expect(responses.every((r) => r.statusCode === 200)).toBe(true)
    expect(tokenRequests()).toBe(1)
    expect(jwtPayload(client.token!.access_token).azp).toBe(clients.service.clientId)
  })

  it('two sessions sharing a MemoryTokenStore make one token request between them', async () => {
    const tokenStore = new MemoryTokenStore()
    const a = session({ ...service(), tokenStore })
    const b = session({ ...service(), tokenStore })
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).ensureActiveToken()),
    )
    expect(new Set(tokens.map((t) => t.access_token)).size).toBe(1)
    expect(tokenRequests()).toBe(1)
  })

  it('a restored, expired token without refresh token is renewed by client credentials', async () => {
    const first = session(service())
    const saved = JSON.stringify(await first.fetchToken())
    const restored = new OAuth2Token({ ...JSON.parse(saved), expires_at: Math.floor(Date.now() / 1000) - 1 })
    expect(restored.refresh_token).toBeUndefined()
    const client = session({ ...service(), token: restored })
    const renewed = await client.ensureActiveToken()
    expect(renewed.access_token).not.toBe(restored.access_token)
    expect(tokenRequests()).toBe(2)
  })

  it('five concurrent fetchToken() calls make one token request', async () => {
    const client = session(service())
    const tokens = await Promise.all(Array.from({ length: 5 }, () => client.fetchToken()))
    expect(new Set(tokens).size).toBe(1)
    expect(tokenRequests()).toBe(1)
  })
})
