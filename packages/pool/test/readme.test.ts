import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { renderExamples } from './helpers/readme-examples.js'

const target = new URL('./readme-examples.ts', import.meta.url)

test('the README examples are current in test/readme-examples.ts, which the typecheck covers', () => {
  const expected = renderExamples(readFileSync(new URL('../README.md', import.meta.url), 'utf8'))
  if (process.env.UPDATE_README_EXAMPLES) writeFileSync(target, expected)
  expect(readFileSync(target, 'utf8')).toBe(expected)
})
