import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

test('the README examples are current in test/readme-examples.ts, which the typecheck covers', () => {
  const [expected, actual] = readmeExamples(
    new URL('../README.md', import.meta.url),
    new URL('./readme-examples.ts', import.meta.url),
    { prelude: '' },
  )
  expect(actual).toBe(expected)
})
