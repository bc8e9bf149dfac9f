import { KeycloakAdmin, type TemporaryUser } from '@x/keycloak'

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
export async function temporaryUser(): Promise<TemporaryUser> {
  return new KeycloakAdmin(KEYCLOAK_URL).createUser('xstack', 'fleet')
}
