import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

const PRELUDE = `
import type { Session as Session_ } from '@x/requests'

// Names the README's snippets share.
declare const s: Session_
declare const url: string
declare const token: string
declare const pngBytes: Uint8Array
`

/** Names snippets use without importing them (the README shows the import once). */
const IMPLICIT = {
  'node:fs': ['createReadStream'],
}

test('the README examples are current in test/readme-examples.ts, which the typecheck covers', () => {
  const [expected, actual] = readmeExamples(
    new URL('../README.md', import.meta.url),
    new URL('./readme-examples.ts', import.meta.url),
    { prelude: PRELUDE, implicit: IMPLICIT },
  )
  expect(actual).toBe(expected)
})
