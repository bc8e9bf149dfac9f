// Regression: a callback arriving when this session started no authorization request (a forged link, or a
// replay after the code was used) was exchanged for a token without any state check.
import { disposed } from '@x/testserver/vitest'
import { test as base, describe, expect } from 'vitest'
import { OAuth2Session, StateMismatchError } from '../src/index.js'
import { startTokenServer } from './helpers/token-server.js'

/** A token server and a session that started no authorization request, for each test. */
const test = base.extend('server', disposed(startTokenServer)).extend(
  'client',
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
  async ({}, { onCleanup }) => {
    const client = new OAuth2Session({ clientId: 'app', redirectUri: 'http://127.0.0.1/cb', trustEnv: false })
    onCleanup(() => client.close())
    return client
  },
)

describe('fetchToken({ authorizationResponse }) needs an authorization request to answer', () => {
  test('with nothing pending, a callback is refused before any network call', async ({ server, client }) => {
    const error = await client
      .fetchToken(server.tokenUrl, { authorizationResponse: 'http://127.0.0.1/cb?code=forged&state=s' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StateMismatchError)
    expect((error as StateMismatchError).code).toBe('ERR_OAUTH_STATE_MISMATCH')
    expect((error as Error).message).not.toContain('forged')
    expect(server.requests).toHaveLength(0)
  })

  test('a replayed callback is refused: its state was consumed by the first exchange', async ({
    server,
    client,
  }) => {
    const { state } = client.createAuthorizationUrl(`${server.url}/authorize`)
    const callback = `http://127.0.0.1/cb?code=c1&state=${state}`
    await client.fetchToken(server.tokenUrl, { authorizationResponse: callback })
    const error = await client
      .fetchToken(server.tokenUrl, { authorizationResponse: callback })
      .catch((e) => e)
    expect(error).toBeInstanceOf(StateMismatchError)
    expect(server.requests).toHaveLength(1)
  })

  test('the caller may pass the state it stored itself (and its verifier)', async ({ server, client }) => {
    await client.fetchToken(server.tokenUrl, {
      authorizationResponse: 'http://127.0.0.1/cb?code=c2&state=stored',
      state: 'stored',
      codeVerifier: 'v'.repeat(43),
    })
    expect(server.requests.at(-1)!.form.get('code_verifier')).toBe('v'.repeat(43))
  })

  test('any pending request of the session is answered, with its own PKCE verifier', async ({
    server,
    client,
  }) => {
    const first = client.createAuthorizationUrl(`${server.url}/authorize`)
    client.createAuthorizationUrl(`${server.url}/authorize`) // a second tab, started later
    await client.fetchToken(server.tokenUrl, {
      authorizationResponse: `http://127.0.0.1/cb?code=c3&state=${first.state}`,
    })
    expect(server.requests.at(-1)!.form.get('code_verifier')).toBe(first.codeVerifier)
  })
})
