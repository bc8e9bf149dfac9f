import { inspect } from 'node:util'
import { printedBy } from '@x/testserver/vitest'
import { expect, test } from 'vitest'
import * as oauth2Readme from '../../../packages/oauth2/test/readme-examples.ts'
import { readmeExamples } from '../../scripts/readme-examples.ts'
import { KEYCLOAK_URL, xstack } from './support/env.ts'

const realmToken = xstack.token

// Issue 14: the README examples that name Keycloak run against it. The root README's example (xstack realm,
// scope openid, userinfo) and @x/oauth2's opener (master realm admin, users count) read KEYCLOAK_URL.

test('the root README example is current in root-readme-examples.ts', () => {
  const [expected, actual] = readmeExamples(
    new URL('../../../README.md', import.meta.url),
    new URL('./root-readme-examples.ts', import.meta.url),
    { prelude: '' },
  )
  expect(actual).toBe(expected)
})

function run(example: () => Promise<void>): Promise<unknown[][]> {
  process.env.KEYCLOAK_URL = KEYCLOAK_URL
  return printedBy(() => example())
}

test("the root README example: alice's token and her userinfo from the xstack realm", async () => {
  const { example1 } = await import('./root-readme-examples.ts')
  const [[expiresAt, me]] = (await run(example1)) as [[number, { preferred_username: string; sub: string }]]
  expect(expiresAt).toBeGreaterThan(Date.now() / 1000)
  expect(me.preferred_username).toBe('alice')
  expect(me.sub).toBeTruthy()
})

test("@x/oauth2's README opener: the admin token and the master realm's user count", async () => {
  const printed = await run(oauth2Readme.example1)
  const shown = inspect(printed[0]?.[0])
  expect(shown).toMatch(/^OAuth2Token \{\s+access_token: '\[REDACTED\]'/)
  expect(shown).not.toMatch(/eyJ/) // what the README prints keeps the token out
  expect(typeof printed[1]?.[0]).toBe('number')
})

// @x/oauth2's README rendering (packages/oauth2/test/readme-examples.ts) defines its shared names for this Keycloak
// (`issuer` and `tokenUrl` of the xstack realm, `client` a confidential client holding alice's token), so its
// examples run as written; each example is run, or listed with why it cannot run here and the test that covers it.
const NEEDS_BROWSER =
  'needs a browser login (web, idToken, nonce); oidc.test.ts and login-form.test.ts drive it'
/** Every example of @x/oauth2's README: run against Keycloak (true), or why not. */
const OAUTH2_EXAMPLES: Record<string, true | string> = {
  example1: true, // the opener (master realm admin), also run above
  example2: true, // a ConnectionError caught: the API at 127.0.0.1:8000 is down
  example3:
    "restores token.json of an 'svc' client the realm does not have; @x/oauth2's token.test.ts covers restoring",
  example4: true, // client credentials with signal and timeout, then a revocation
  example5:
    "an 'svc' client the realm does not have; grants.test.ts shares a MemoryTokenStore between sessions",
  example6: true, // the Grants section's names
  example7: true, // password grant
  example8: true, // client credentials with scope openid, userinfo
  example9: NEEDS_BROWSER,
  example10: true, // refresh
  example11:
    'needs a person to enter the user code; grants.test.ts approves the device flow through the login form',
  example12: "'an access token' is a placeholder subject token; grants.test.ts exchanges a real one",
  example13:
    "'a.signed.jwt' is a placeholder assertion (the realm has no jwt-bearer grant); token-endpoint.test.ts covers it",
  example14: NEEDS_BROWSER,
  example15: true, // registers a client auth method on the session
  example16: true, // "Testing your code": run by the package suite (MockAgent), run here too
}

test("@x/oauth2's README examples run against Keycloak, or say why not", async () => {
  const runtime = oauth2Readme as unknown as Record<string, () => Promise<void>> & {
    client: { fetchToken(url: string, options: Record<string, string>): Promise<unknown> }
  }
  const names = Object.keys(runtime).filter((name) => name.startsWith('example'))
  expect(names.sort()).toEqual(Object.keys(OAUTH2_EXAMPLES).sort())
  await runtime.client.fetchToken(realmToken, { username: 'alice', password: 'alice-password' })
  // refresh (example10) before example4 replaces alice's token with a client-credentials one
  const order = ['example10', ...names.filter((n) => n !== 'example10')]
  for (const name of order) {
    const plan = OAUTH2_EXAMPLES[name]!
    if (plan !== true) {
      console.info(`@x/oauth2 README ${name} not run: ${plan}`)
      continue
    }
    try {
      await printedBy(() => runtime[name]!())
    } catch (error) {
      throw new Error(`@x/oauth2 README ${name} failed`, { cause: error })
    }
  }
})
