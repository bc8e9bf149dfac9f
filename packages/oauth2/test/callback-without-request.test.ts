// Regression: a callback arriving when this session started no authorization request (a forged link, or a
// replay after the code was used) was exchanged for a token without any state check.
import { afterEach, describe, expect, test } from 'vitest'
import { OAuth2Session, StateMismatchError } from '../src/index.js'
import { startTokenServer, type TokenServer } from './helpers/token-server.js'

let server: TokenServer | undefined
let client: OAuth2Session | undefined
afterEach(async () => {
  await client?.close()
  await server?.close()
})

async function setup() {
  server = await startTokenServer()
  client = new OAuth2Session({ clientId: 'app', redirectUri: 'http://127.0.0.1/cb', trustEnv: false })
  return { server, client }
}

describe('fetchToken({ authorizationResponse }) needs an authorization request to answer', () => {
  test('with nothing pending, a callback is refused before any network call', async () => {
    const { server, client } = await setup()
    const error = await client
      .fetchToken(server.tokenUrl, { authorizationResponse: 'http://127.0.0.1/cb?code=forged&state=s' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StateMismatchError)
    expect((error as StateMismatchError).code).toBe('ERR_OAUTH_STATE_MISMATCH')
    expect((error as Error).message).not.toContain('forged')
    expect(server.requests).toHaveLength(0)
  })

  test('a replayed callback is refused: its state was consumed by the first exchange', async () => {
    const { server, client } = await setup()
    const { state } = client.createAuthorizationUrl(`${server.url}/authorize`)
    const callback = `http://127.0.0.1/cb?code=c1&state=${state}`
    await client.fetchToken(server.tokenUrl, { authorizationResponse: callback })
    const error = await client
      .fetchToken(server.tokenUrl, { authorizationResponse: callback })
      .catch((e) => e)
    expect(error).toBeInstanceOf(StateMismatchError)
    expect(server.requests).toHaveLength(1)
  })

  test('the caller may pass the state it stored itself (and its verifier)', async () => {
    const { server, client } = await setup()
    await client.fetchToken(server.tokenUrl, {
      authorizationResponse: 'http://127.0.0.1/cb?code=c2&state=stored',
      state: 'stored',
      codeVerifier: 'v'.repeat(43),
    })
    expect(server.requests.at(-1)!.form.get('code_verifier')).toBe('v'.repeat(43))
  })

  test('any pending request of the session is answered, with its own PKCE verifier', async () => {
    const { server, client } = await setup()
    const first = client.createAuthorizationUrl(`${server.url}/authorize`)
    client.createAuthorizationUrl(`${server.url}/authorize`) // a second tab, started later
    await client.fetchToken(server.tokenUrl, {
      authorizationResponse: `http://127.0.0.1/cb?code=c3&state=${first.state}`,
    })
    expect(server.requests.at(-1)!.form.get('code_verifier')).toBe(first.codeVerifier)
  })
})
