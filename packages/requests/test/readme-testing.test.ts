import { exampleTest, printedBy, testReadmeSection } from '@x/testserver/vitest'
import { expect } from 'vitest'
import * as examples from './readme-examples.ts'

// The README's "Testing your code" examples need no server (undici's MockAgent replaces it): run them.
testReadmeSection(new URL('../README.md', import.meta.url), 'Testing your code', examples)

exampleTest('the README opener runs against the httpbin it names (HTTPBIN_URL: a local one)', async () => {
  const printed = await printedBy(() => examples.example1())
  expect(String(printed[0]?.[0])).toBe('<Response [200]>')
})
