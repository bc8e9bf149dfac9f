import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

// The names the README's snippets share are defined for the Keycloak of tooling/keycloak (KEYCLOAK_URL: `issuer` and
// `tokenUrl` of its xstack realm, `client` a confidential client there), so the one rendering is both type-checked
// (test/ is in the typecheck) and run against Keycloak by tooling/keycloak/test/readme-examples.test.ts (issue 14).
const PRELUDE = `
import { OAuth2Session as Session_ } from '@x/oauth2'

// The names the README's snippets share, for the Keycloak under test (the Grants section's first block shows them;
// the fallback URL is example1's, so importing this module without KEYCLOAK_URL constructs a valid session).
const issuer = \`\${(process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8080').replace(/\\/+$/, '')}/realms/xstack\`
const tokenUrl = \`\${issuer}/protocol/openid-connect/token\`
export const client = new Session_({ clientId: 'xstack-confidential', clientSecret: 'xstack-confidential-secret', issuer })
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
