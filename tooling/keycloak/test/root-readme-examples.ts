// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README

import { OAuth2Session } from '@x/oauth2'

export async function example1(): Promise<void> {

  // The Keycloak of tooling/keycloak, with its xstack realm (tooling/keycloak/data/import); CI sets KEYCLOAK_URL.
  const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8080'
  const oidc = `${keycloak}/realms/xstack/protocol/openid-connect`

  await using client = new OAuth2Session({ clientId: 'xstack-public', scope: 'openid' }) // userinfo needs openid
  const token = await client.fetchToken(`${oidc}/token`, {
    grantType: 'password',
    username: 'alice',
    password: 'alice-password',
  })
  const me = await client.get(`${oidc}/userinfo`) // Bearer token attached, renewed before it expires
  me.raiseForStatus()
  console.log(token.expires_at, me.json()) // 1767225600 { sub: '…', preferred_username: 'alice', ... }
}
