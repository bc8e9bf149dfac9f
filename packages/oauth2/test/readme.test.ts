import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

// The names the README's snippets share come from test/readme-names.ts (defined for the Keycloak of tooling/keycloak),
// so the one rendering is both type-checked (test/ is in the typecheck) and run against Keycloak by
// tooling/keycloak/test/readme-examples.test.ts (issue 14).
const PRELUDE = `
import type { OAuth2Session as Session_ } from '@x/oauth2'
import { client, issuer, tokenUrl } from './readme-names.ts'
export { client }

// For the type check only: the examples that use these need a browser login and are never run.
declare const web: Session_
declare const idToken: string
declare const nonce: string
`

test('the README examples are current in test/readme-examples.ts, which the typecheck covers', () => {
  const [expected, actual] = readmeExamples(
    new URL('../README.md', import.meta.url),
    new URL('./readme-examples.ts', import.meta.url),
    { prelude: PRELUDE },
  )
  expect(actual).toBe(expected)
})
