// The names the README's snippets share without defining them, for the Keycloak of tooling/keycloak (KEYCLOAK_URL,
// read when this module loads; the fallback is example1's): `issuer` and `tokenUrl` of its xstack realm, `client` a
// confidential client there (the Grants section's first block shows them). test/readme-examples.ts imports them:
// its examples type-check against these, and tooling/keycloak/test/readme-examples.test.ts runs them.
import { OAuth2Session } from '@x/oauth2'

export const issuer = `${(process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')}/realms/xstack`
export const tokenUrl = `${issuer}/protocol/openid-connect/token`
export const client = new OAuth2Session({
  clientId: 'xstack-confidential',
  clientSecret: 'xstack-confidential-secret',
  issuer,
})
