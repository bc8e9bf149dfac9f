import { inspect } from 'node:util'
import { expect, test, vi } from 'vitest'
import * as oauth2Readme from '../../../packages/oauth2/test/readme-examples.ts'
import { readmeExamples } from '../../scripts/readme-examples.ts'
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
