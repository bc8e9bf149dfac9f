import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { OAuth2Session } from '../src/index.js'
import { json, type ScriptedServer, startScriptedServer } from './helpers/scripted-server.js'

// Issue 13: parity with Authlib 1.9 (checked against its source and through tooling/oracle).
const test = serverTest(() =>
  startScriptedServer({
    '/revoke': (_req, res) => json(res, 200, {}),
    '/introspect': (_req, res) => json(res, 200, { active: true }),
    '/token': (_req, res) =>
      json(res, 200, {
        scope: 'openid',
        refresh_token: 'RT',
        access_token: 'AT',
        expires_in: 60,
        extra: 1,
      }),
  }),
)

const client = (token?: Record<string, unknown>) =>
  new OAuth2Session({
    clientId: 'app',
    clientSecret: 's3cret',
    ...(token ? { token: token as { access_token: string } } : {}),
  })
const lastForm = (server: ScriptedServer) => Object.fromEntries(server.requests.at(-1)!.form)

describe('revokeToken() / introspectToken() without a token argument (Authlib _handle_token_hint)', () => {
  test('send the refresh token when there is one, with no token_type_hint', async ({ server }) => {
    await using s = client({ access_token: 'AT', refresh_token: 'RT' })
    await s.revokeToken(`${server.url}/revoke`)
    expect(lastForm(server)).toEqual({ token: 'RT' })
    await s.introspectToken(`${server.url}/introspect`)
    expect(lastForm(server)).toEqual({ token: 'RT' })
  })

  test('send the access token when there is no refresh token', async ({ server }) => {
    await using s = client({ access_token: 'AT' })
    await s.revokeToken(`${server.url}/revoke`)
    expect(lastForm(server)).toEqual({ token: 'AT' })
  })

  test('an explicit token and hint are sent as given', async ({ server }) => {
    await using s = client({ access_token: 'AT', refresh_token: 'RT' })
    await s.revokeToken(`${server.url}/revoke`, 'AT', 'access_token')
    expect(lastForm(server)).toEqual({ token: 'AT', token_type_hint: 'access_token' })
  })
})

test("a fetched token keeps the server's field order (Authlib keeps the response dict)", async ({
  server,
}) => {
  await using s = client()
  const token = await s.fetchToken(`${server.url}/token`, { grantType: 'client_credentials' })
  expect(Object.keys(token)).toEqual([
    'scope',
    'refresh_token',
    'access_token',
    'expires_in',
    'extra',
    'token_type',
    'expires_at',
  ])
})
