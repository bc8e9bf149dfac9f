import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

// The names the README's snippets share are defined for a local httpbin (HTTPBIN_URL), so the one rendering is
// both type-checked (test/ is in the typecheck) and run by readme-run.test.ts (issue 14).
const PRELUDE = `
import { Session as Session_ } from '@x/requests'

// The names the README's snippets share, for the httpbin under test.
const url = process.env.HTTPBIN_URL ?? ''
const s = new Session_()
const token = 'eyJhbGciOiJub25lIn0.e30.'
const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
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
