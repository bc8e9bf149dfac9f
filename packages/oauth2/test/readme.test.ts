import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

const PRELUDE = `
import type { OAuth2Session as Session_ } from '@x/oauth2'

// Names the README's snippets share.
declare const client: Session_
declare const web: Session_
declare const tokenUrl: string
declare const issuer: string
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
