// The seed's cells against Keycloak, in order: password grant with admin-cli, the token (redacted), the session
// removed through the admin API, the refresh failing with `invalid_grant: Session not active`; then
// client_credentials with automatic renewal and the device flow on the `xstack` realm.
//   KEYCLOAK_URL=http://127.0.0.1:8080 node apps/oauth2-demo/src/main.ts
import { setTimeout as sleep } from 'node:timers/promises'
import { OAuth2Session, OAuthError } from '@x/oauth2'
import { Session } from '@x/requests'
import { approveDevice } from './approve-device.ts'

const KEYCLOAK_URL = (process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const realmUrl = (realm: string) => `${KEYCLOAK_URL}/realms/${realm}`
const tokenUrl = (realm: string) => `${realmUrl(realm)}/protocol/openid-connect/token`

function fail(message: string): never {
  console.error(`oauth2-demo: ${message}`)
  process.exit(1)
}

/** True when the realm's discovery document answers; exits when Keycloak itself cannot be reached. */
async function realmExists(realm: string): Promise<boolean> {
  await using probe = new Session({ timeout: 10_000 })
  try {
    const r = await probe.get(`${realmUrl(realm)}/.well-known/openid-configuration`)
    return r.statusCode === 200
  } catch (error) {
    const cause = error as { name?: string; message?: string }
    fail(
      `Keycloak is not reachable at ${KEYCLOAK_URL} (${cause.name}: ${cause.message}). Start it with \`node tooling/keycloak/src/cli.ts start\` or set KEYCLOAK_URL.`,
    )
  }
}

async function seed(): Promise<void> {
  console.log(`# 1. password grant: admin-cli / admin on master (${KEYCLOAK_URL})`)
  await using client = new OAuth2Session({ clientId: 'admin-cli' })
  const token = await client.fetchToken(tokenUrl('master'), {
    username: 'admin',
    password: 'admin',
    grantType: 'password',
  })
  console.log(token)

  console.log('\n# 2. remove the session on the server (admin REST API, with the admin token)')
  const removed = await client.delete(`${KEYCLOAK_URL}/admin/realms/master/sessions/${token.session_state}`)
  console.log(`DELETE /admin/realms/master/sessions/{session_state} -> ${removed.statusCode}`)
  if (!removed.ok) fail(`could not remove the session (HTTP ${removed.statusCode})`)

  console.log('\n# 3. refresh: the server no longer knows the session')
  try {
    await client.fetchToken(tokenUrl('master'), {
      grantType: 'refresh_token',
      refreshToken: token.refresh_token,
    })
    fail('the refresh succeeded although the session was removed')
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    console.log(String(error))
    if (!String(error).includes('invalid_grant: Session not active')) fail('unexpected error text')
    console.log(`client.token after the refused refresh: ${client.token}`)
  }
}

async function clientCredentials(): Promise<void> {
  console.log('\n# 4. client_credentials (xstack-service, tokens live 10 s) with automatic renewal')
  let fetched = 0
  await using service = new OAuth2Session({
    clientId: 'xstack-service',
    clientSecret: 'xstack-service-secret',
    scope: 'openid',
    tokenEndpoint: tokenUrl('xstack'),
    updateToken: (t) => {
      fetched++
      console.log(`  updateToken: token #${fetched} (expires_in ${t.expires_in} s)`)
    },
  })
  await service.fetchToken(undefined, { grantType: 'client_credentials' })
  const userinfo = `${realmUrl('xstack')}/protocol/openid-connect/userinfo`
  for (let i = 1; i <= 3; i++) {
    const r = await service.get(userinfo)
    console.log(
      `  GET userinfo #${i} -> ${r.statusCode} ${r.ok ? `sub=${r.json<{ sub: string }>().sub}` : ''}`,
    )
    if (i < 3) await sleep(6_000) // past the (clamped) leeway: the next request renews first
  }
  if (fetched < 2) fail('the token was not renewed automatically')
}

async function deviceFlow(): Promise<void> {
  console.log('\n# 5. device flow (xstack-device), approved as alice')
  await using tv = new OAuth2Session({
    clientId: 'xstack-device',
    issuer: realmUrl('xstack'),
    scope: 'openid',
  })
  const device = await tv.deviceAuthorization()
  console.log(
    `  open ${device.verification_uri} and enter ${device.user_code} (interval ${device.interval ?? 5} s)`,
  )
  const approval = sleep(1_500).then(() =>
    approveDevice(device.verification_uri_complete ?? device.verification_uri, 'alice', 'alice-password'),
  )
  const [token] = await Promise.all([
    tv.pollDeviceToken(device, { onPending: ({ error }) => console.log(`  poll: ${error}`) }),
    approval,
  ])
  console.log(
    `  approved: ${token.token_type} token for ${token.idTokenClaims?.preferred_username ?? token.idTokenClaims?.sub}`,
  )
}

await realmExists('master')
await seed()
if (await realmExists('xstack')) {
  await clientCredentials()
  await deviceFlow()
} else {
  console.log(
    '\nrealm xstack not found: skipping client_credentials and the device flow (import tooling/keycloak/data/import)',
  )
}
console.log('\ndone')
