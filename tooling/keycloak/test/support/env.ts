// Where the suite finds Keycloak and what the committed realm (data/import/xstack-realm.json) contains.

function readKeycloakUrl(): string {
  const url = process.env.KEYCLOAK_URL
  if (!url) {
    throw new Error(
      'KEYCLOAK_URL is not set: the Keycloak suite needs a running Keycloak with the xstack realm imported. ' +
        'Run it with `pnpm test:keycloak` (node tooling/keycloak/src/cli.ts suite starts one), ' +
        'or `bash tooling/keycloak/with-keycloak.sh <command>`, or set KEYCLOAK_URL=http://127.0.0.1:8080 ' +
        'for a Keycloak you started yourself (import tooling/keycloak/data/import/xstack-realm.json into it).',
    )
  }
  return url.replace(/\/+$/, '')
}

/** Base URL of the Keycloak under test, without trailing slash. Throws a clear error when it is missing. */
export const KEYCLOAK_URL = readKeycloakUrl()

export const REALM = 'xstack'

export function realmEndpoints(realm = REALM, base = KEYCLOAK_URL) {
  const issuer = `${base}/realms/${realm}`
  const oidc = `${issuer}/protocol/openid-connect`
  return {
    issuer,
    discovery: `${issuer}/.well-known/openid-configuration`,
    authorization: `${oidc}/auth`,
    token: `${oidc}/token`,
    userinfo: `${oidc}/userinfo`,
    introspection: `${oidc}/token/introspect`,
    revocation: `${oidc}/revoke`,
    endSession: `${oidc}/logout`,
    deviceAuthorization: `${oidc}/auth/device`,
    par: `${oidc}/ext/par/request`,
    jwks: `${oidc}/certs`,
  }
}

export const xstack = realmEndpoints()
export const master = realmEndpoints('master')

/** The loopback redirect URI registered for the browser-flow clients (never contacted: the code is read from Location). */
export const REDIRECT_URI = 'http://127.0.0.1/callback'
export const POST_LOGOUT_REDIRECT_URI = 'http://127.0.0.1/logged-out'

export const clients = {
  public: { clientId: 'xstack-public' },
  confidential: { clientId: 'xstack-confidential', clientSecret: 'xstack-confidential-secret' },
  service: { clientId: 'xstack-service', clientSecret: 'xstack-service-secret', accessTokenLifespan: 10 },
  short: { clientId: 'xstack-short', accessTokenLifespan: 10 },
  jwt: { clientId: 'xstack-jwt', kid: 'xstack-jwt-test-key' },
  secretJwt: { clientId: 'xstack-secret-jwt', clientSecret: 'xstack-secret-jwt-secret-32-bytes-long' },
  web: { clientId: 'xstack-web' },
  device: { clientId: 'xstack-device' },
  exchange: { clientId: 'xstack-exchange', clientSecret: 'xstack-exchange-secret' },
  par: { clientId: 'xstack-par', clientSecret: 'xstack-par-secret' },
  dpop: { clientId: 'xstack-dpop' },
} as const

export const users = {
  alice: {
    username: 'alice',
    password: 'alice-password',
    email: 'alice@xstack.test',
    firstName: 'Alice',
    lastName: 'Liddell',
  },
  bob: {
    username: 'bob',
    password: 'bob-password',
    email: 'bob@xstack.test',
    firstName: 'Bob',
    lastName: 'Builder',
  },
} as const

/** The password grant's fields for each user (fetchToken refuses keys it does not know, such as `email`). */
export const logins = {
  alice: { username: users.alice.username, password: users.alice.password },
  bob: { username: users.bob.username, password: users.bob.password },
} as const

export { ADMIN } from '../../src/admin.ts'

/** Decodes a JWT's payload without checking it (assertions about claims; validation is the oauth2 package's job). */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1]
  if (!part) throw new Error('not a JWT')
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>
}

export function jwtHeader(token: string): Record<string, unknown> {
  const part = token.split('.')[0]
  if (!part) throw new Error('not a JWT')
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>
}
