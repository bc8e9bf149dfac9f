import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

// The migration guides in docs/ (axios, got, fetch): their ```ts blocks are rendered into test/guides/*.ts,
// which the package typecheck covers, so the guides cannot rot (issue 16).
for (const guide of ['axios', 'got', 'fetch']) {
  test(`docs/migrating-from-${guide}.md examples are current in test/guides/${guide}-examples.ts`, () => {
    const [expected, actual] = readmeExamples(
      new URL(`../../../docs/migrating-from-${guide}.md`, import.meta.url),
      new URL(`./guides/${guide}-examples.ts`, import.meta.url),
      { prelude: '' },
    )
    expect(actual).toBe(expected)
  })
}
