import { readFileSync } from 'node:fs'
import type { Scenario, Step } from '../scenario.js'

// Authlib vs @x/oauth2 against Keycloak's xstack realm (tooling/keycloak/data/import): its clients and users.
const REALM = '{K}/realms/xstack/protocol/openid-connect'
const TOKEN = `${REALM}/token`
const CONFIDENTIAL = { client_id: 'xstack-confidential', client_secret: 'xstack-confidential-secret' }
const SERVICE = { client_id: 'xstack-service', client_secret: 'xstack-service-secret' }
// A user created for the run (src/keycloak-user.ts): other suites end alice's and bob's sessions.
const ALICE = { username: '{USER}', password: '{PASS}' }
const BOB = ALICE

// Token strings, ids and times differ on every run: compared by type. Keycloak's expires_in and
// refresh_expires_in are counted from the second each token is issued, so two tokens a moment apart can say
// 10 and 9 (seen in CI): compared by type too; scripted-server scenarios still compare their values.
const VOLATILE = [
  'expires_in',
  'refresh_expires_in',
  'access_token',
  'refresh_token',
  'id_token',
  'session_state',
  'sid',
  'jti',
  'iat',
  'exp',
  'auth_time',
  'nbf',
]

const k = (id: string, client: Record<string, unknown>, steps: Step[]): Scenario => ({
  id: `keycloak/${id}`,
  pkg: 'oauth2',
  client,
  steps,
  volatile: VOLATILE,
})
const fetch = (args: Record<string, unknown>): Step => ({ op: 'fetch_token', url: TOKEN, args })
const introspect = (args: Record<string, unknown> = {}): Step => ({
  op: 'introspect_token',
  url: `${TOKEN}/introspect`,
  args,
})

export const keycloakScenarios: Scenario[] = [
  // grants and client authentication methods
  k('password-client-secret-basic', CONFIDENTIAL, [fetch(ALICE)]),
  k('password-client-secret-post', { ...CONFIDENTIAL, token_endpoint_auth_method: 'client_secret_post' }, [
    fetch(ALICE),
  ]),
  k('password-public-none', { client_id: 'xstack-public', token_endpoint_auth_method: 'none' }, [fetch(BOB)]),
  k('password-openid-scope', { ...CONFIDENTIAL, scope: 'openid profile' }, [fetch(ALICE)]),
  k('client-credentials-basic', SERVICE, [fetch({ grant_type: 'client_credentials' })]),
  k('client-credentials-post', { ...SERVICE, token_endpoint_auth_method: 'client_secret_post' }, [
    fetch({ grant_type: 'client_credentials' }),
  ]),
  k(
    'client-credentials-client-secret-jwt',
    {
      client_id: 'xstack-secret-jwt',
      client_secret: 'xstack-secret-jwt-secret-32-bytes-long',
      token_endpoint_auth_method: 'client_secret_jwt',
      jwt_token_url: TOKEN,
    },
    [fetch({ grant_type: 'client_credentials' })],
  ),
  k(
    'client-credentials-private-key-jwt',
    {
      client_id: 'xstack-jwt',
      // The key pair whose public half the realm's xstack-jwt client trusts (tooling/keycloak/test/fixtures).
      private_key_pem: readFileSync(
        new URL('../../../keycloak/test/fixtures/xstack-jwt.private.pem', import.meta.url),
        'utf8',
      ),
      kid: 'xstack-jwt-test-key',
      token_endpoint_auth_method: 'private_key_jwt',
      jwt_token_url: TOKEN,
    },
    [fetch({ grant_type: 'client_credentials' })],
  ),
  k('client-credentials-wrong-secret', { ...SERVICE, client_secret: 'wrong' }, [
    fetch({ grant_type: 'client_credentials' }),
  ]),
  k('password-wrong', CONFIDENTIAL, [fetch({ ...ALICE, password: 'wrong' })]),
  // refresh
  k('refresh', CONFIDENTIAL, [fetch(BOB), { op: 'refresh_token', url: TOKEN, args: {} }]),
  k('refresh-unknown-token', CONFIDENTIAL, [
    { op: 'refresh_token', url: TOKEN, args: { refresh_token: 'not-a-token' } },
  ]),
  // token placement: userinfo with the token in the header, or in a form body
  k('userinfo-header', { ...CONFIDENTIAL, scope: 'openid' }, [
    fetch(ALICE),
    { op: 'request', url: `${REALM}/userinfo` },
  ]),
  k('userinfo-body', { ...CONFIDENTIAL, scope: 'openid', token_placement: 'body' }, [
    fetch(ALICE),
    { op: 'request', method: 'POST', url: `${REALM}/userinfo`, args: { data: {} } },
  ]),
  // introspect, revoke, and the error on a removed session
  k('introspect-access-token', CONFIDENTIAL, [fetch(ALICE), introspect({ token_type_hint: 'access_token' })]),
  k('introspect-default', CONFIDENTIAL, [fetch(ALICE), introspect()]),
  k('revoke-default-ends-session', CONFIDENTIAL, [
    fetch(BOB),
    { op: 'revoke_token', url: `${REALM}/revoke` },
    { op: 'refresh_token', url: TOKEN, args: {} },
  ]),
]
