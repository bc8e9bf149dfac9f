// RedisTokenStore under real OAuth2Sessions (one Redis connection each, as separate processes would have), against
// a local token endpoint that counts its requests.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OAuth2Session } from '@x/oauth2'
import { expect } from 'vitest'
import { RedisTokenStore, redisTokenKeys } from '../src/index.js'
import { test } from './helpers/redis.js'

async function tokenServer() {
  let issued = 0
  const server = createServer((req, res) => {
    req.resume()
    if (req.url === '/token') {
      issued++
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ access_token: `at-${issued}`, token_type: 'Bearer', expires_in: 300 }))
      }, 30)
      return
    }
    res.writeHead(/^Bearer at-\d+$/.test(req.headers.authorization ?? '') ? 200 : 401).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    issued: () => issued,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

test('sessions in separate "processes" share one lazily fetched client-credentials token', async ({
  connectMore,
}) => {
  await using server = await tokenServer()
  const clients = await connectMore(5)
  const clientId = `svc-${Date.now()}`
  const stores = clients.map((client) => new RedisTokenStore({ client, pollInterval: 30_000 }))
  const sessions = stores.map(
    (tokenStore) =>
      new OAuth2Session({
        clientId,
        clientSecret: 's',
        tokenEndpoint: `${server.origin}/token`,
        grantType: 'client_credentials',
        tokenStore,
      }),
  )
  const responses = await Promise.all(
    sessions.flatMap((session) => [1, 2, 3].map(() => session.get(`${server.origin}/api`))),
  )
  expect(responses.map((r) => r.statusCode)).toEqual(Array(15).fill(200))
  expect(server.issued()).toBe(1)
  expect(new Set(sessions.map((s) => s.token?.access_token))).toEqual(new Set(['at-1']))
  // the token is in Redis, under the namespaced key
  const raw = await clients[0]!.get(redisTokenKeys({ issuer: `${server.origin}/token`, clientId }).token)
  expect(raw).toContain('at-1')

  // a new token one session fetches reaches the others through the store's notification
  await sessions[0]!.fetchToken(`${server.origin}/token`, { grantType: 'client_credentials' })
  await expect.poll(() => sessions.map((s) => s.token?.access_token)).toEqual(Array(5).fill('at-2'))
  expect(server.issued()).toBe(2)
  await Promise.all(sessions.map((s) => s.close()))
  await Promise.all(stores.map((store) => store.close()))
})
