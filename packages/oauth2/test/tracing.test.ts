import { Responses } from '@x/requests/testing'
import { nodeDebugOutput } from '@x/testserver/vitest'
import { expect, test } from 'vitest'
import {
  type OAuth2RequestContext,
  OAuth2Session,
  type OAuth2TokenContext,
  tracingChannels,
} from '../src/index.js'

function record<C>(channel: typeof tracingChannels.token | typeof tracingChannels.request, into: C[]) {
  const noop = () => {}
  const handlers = {
    start: noop,
    end: noop,
    asyncStart: noop,
    error: noop,
    asyncEnd: (ctx: object) => into.push({ ...ctx } as C),
  }
  channel.subscribe(handlers as never)
  return () => channel.unsubscribe(handlers as never)
}

test('x:oauth2:token: grant, renewal and the single-flight waiters; x:oauth2:request tells who waited', async () => {
  const tokens: OAuth2TokenContext[] = []
  const requests: OAuth2RequestContext[] = []
  const stops = [record(tracingChannels.token, tokens), record(tracingChannels.request, requests)]
  try {
    await using mock = new Responses()
    mock.token('http://idp.test/token?tenant=secret', { access_token: 'at-1', expires_in: 300 })
    mock.add('GET', 'http://api.test/items', { json: [] })
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      grantType: 'client_credentials',
      tokenEndpoint: 'http://idp.test/token?tenant=secret',
      dispatcher: mock.dispatcher,
    })
    // five requests before any token: one lazy token request, shared by all five
    await Promise.all(Array.from({ length: 5 }, () => client.get('http://api.test/items')))
    await client.get('http://api.test/items')
    await client.fetchToken(undefined, { grantType: 'client_credentials' })
  } finally {
    for (const stop of stops) stop()
  }
  expect(tokens.map((t) => [t.grant, t.renewal, t.waiters, t.endpoint])).toEqual([
    ['client_credentials', true, 5, 'http://idp.test/token?tenant=[REDACTED]'],
    ['client_credentials', false, 1, 'http://idp.test/token?tenant=[REDACTED]'],
  ])
  expect(tokens[0]!.result).toEqual({ token_type: 'Bearer', expires_in: 300 })
  expect(requests.map((r) => r.renewal)).toEqual([true, true, true, true, true, false])
  expect(new Set(requests.map((r) => r.id)).size).toBe(6)
  expect(JSON.stringify([tokens, requests.map((r) => ({ ...r, result: undefined }))])).not.toMatch(
    /at-1|secret/,
  )
})

test('NODE_DEBUG=x-oauth2: token requests with grant, renewal and waiters, redacted', async () => {
  const text = await nodeDebugOutput(new URL('./fixtures/debug-child.ts', import.meta.url), 'x-oauth2')
  expect(text).toContain('token 1 client_credentials at http://idp.test/token (renewal)')
  expect(text).toContain('token 1 ok in N ms (expires_in 300, 3 waiters)')
  expect(text).toContain('request 1 GET http://api.test/items?q=[REDACTED] waited for a token renewal')
  expect(text).toContain('token 2 failed: OAuthError (invalid_client)')
  expect(text).not.toMatch(/at-1|svc-secret/)
})
