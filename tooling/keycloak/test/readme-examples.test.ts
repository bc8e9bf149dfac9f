import { inspect } from 'node:util'
import { expect, test, vi } from 'vitest'
import * as oauth2Readme from '../../../packages/oauth2/test/readme-examples.ts'
import { readFileSync } from 'node:fs'
import { readmeExamples, sectionExamples } from '../../scripts/readme-examples.ts'
import { KEYCLOAK_URL } from './support/env.ts'

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

async function run(example: () => Promise<void>): Promise<unknown[][]> {
  const printed: unknown[][] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    printed.push(values)
  })
  process.env.KEYCLOAK_URL = KEYCLOAK_URL
  try {
    await example()
  } finally {
    log.mockRestore()
  }
  return printed
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

// @x/oauth2's README "Grants" snippets share `issuer` and `tokenUrl` (the section's first block); rendered here
// with them defined for the Keycloak under test, so the password and client-credentials snippets run as written.
const OAUTH2_README = new URL('../../../packages/oauth2/README.md', import.meta.url)
const RUNTIME_PRELUDE = `
import type { OAuth2Session as Session_ } from '@x/oauth2'

// The Grants section's shared names, for the Keycloak under test (the README's first Grants block shows them).
const issuer = \`\${(process.env.KEYCLOAK_URL ?? '').replace(/\\/+$/, '')}/realms/xstack\`
const tokenUrl = \`\${issuer}/protocol/openid-connect/token\`
declare const client: Session_
declare const web: Session_
declare const idToken: string
declare const nonce: string
`

test("@x/oauth2's README rendered with Keycloak's URLs is current in oauth2-readme-runtime.ts", () => {
  const [expected, actual] = readmeExamples(
    OAUTH2_README,
    new URL('./oauth2-readme-runtime.ts', import.meta.url),
    {
      prelude: RUNTIME_PRELUDE,
    },
  )
  expect(actual).toBe(expected)
})

test("@x/oauth2's README Grants: the password and client-credentials snippets run against Keycloak", async () => {
  const blocks = [...readFileSync(OAUTH2_README, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
    (m) => m[1] ?? '',
  )
  const names = sectionExamples(OAUTH2_README, 'Grants').filter((name) => {
    const code = blocks[Number(name.slice('example'.length)) - 1] ?? ''
    return code.includes('alice-password') || code.includes('xstack-service-secret')
  })
  expect(names).toHaveLength(2)
  const runtime = (await import('./oauth2-readme-runtime.ts')) as unknown as Record<
    string,
    () => Promise<void>
  >
  process.env.KEYCLOAK_URL = KEYCLOAK_URL
  for (const name of names) await runtime[name]!()
})
