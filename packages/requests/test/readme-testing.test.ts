import { expect, test } from 'vitest'
import { sectionExamples } from '../../../tooling/scripts/readme-examples.ts'
import * as examples from './readme-examples.ts'

// The README's "Testing your code" examples need no server (undici's MockAgent replaces it): run them.
const names = sectionExamples(new URL('../README.md', import.meta.url), 'Testing your code')

test('the README has a "Testing your code" example', () => {
  expect(names.length).toBeGreaterThan(0)
})

for (const name of names) {
  test(`README "Testing your code": ${name} runs`, async () => {
    await (examples as unknown as Record<string, () => Promise<void>>)[name]!()
  })
}
