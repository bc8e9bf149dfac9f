// Where the proofs find Keycloak (KEYCLOAK_URL, set by tooling/keycloak/with-keycloak.sh) and what they use of the
// committed xstack realm (tooling/keycloak/data/import/xstack-realm.json).
function keycloakUrl(): string {
  const url = process.env.KEYCLOAK_URL
  if (!url) {
    throw new Error(
      'KEYCLOAK_URL is not set: run `pnpm test:keycloak` through tooling/keycloak/with-keycloak.sh (./dev test does)',
    )
  }
  return url.replace(/\/+$/, '')
}

export const KEYCLOAK_URL = keycloakUrl()
export const TOKEN_PATH = '/realms/xstack/protocol/openid-connect/token'
export const JWKS_URL = `${KEYCLOAK_URL}/realms/xstack/protocol/openid-connect/certs`
/** Confidential client with service accounts and direct access grants; 300 s access tokens. */
export const CONFIDENTIAL = {
  clientId: 'xstack-confidential',
  clientSecret: 'xstack-confidential-secret',
} as const
/** Service client (client_credentials only) whose access tokens live 10 s: renewals come due within a test. */
export const SERVICE = {
  clientId: 'xstack-service',
  clientSecret: 'xstack-service-secret',
  lifespan: 10,
} as const

/** A token straight from Keycloak (not through the counting proxy): the test's own setup. */
export async function directToken(params: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${KEYCLOAK_URL}${TOKEN_PATH}`, {
    method: 'POST',
    body: new URLSearchParams(params),
  })
  const body = (await response.json()) as Record<string, unknown>
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${body.error}`)
  return body
}

/** A user of the xstack realm made for one test (admin API as the bootstrap admin), removed by `remove()`. */
export async function temporaryUser(): Promise<{
  username: string
  password: string
  remove(): Promise<void>
}> {
  const admin = await fetch(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'admin',
      password: 'admin',
    }),
  })
  const { access_token } = (await admin.json()) as { access_token: string }
  const headers = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }
  const username = `fleet-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const password = `${username}-password`
  const created = await fetch(`${KEYCLOAK_URL}/admin/realms/xstack/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      username,
      enabled: true,
      email: `${username}@xstack.test`,
      emailVerified: true,
      firstName: 'Fleet',
      lastName: 'User',
      credentials: [{ type: 'password', value: password, temporary: false }],
    }),
  })
  if (created.status !== 201) throw new Error(`creating a user answered ${created.status}`)
  const location = created.headers.get('location') ?? ''
  return {
    username,
    password,
    remove: async () => {
      await fetch(location, { method: 'DELETE', headers })
    },
  }
}
