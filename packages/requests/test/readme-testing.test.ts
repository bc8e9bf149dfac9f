import { startHttpbin } from '@x/testserver'
import { expect, test, vi } from 'vitest'
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

test('the README opener runs against the httpbin it names (HTTPBIN_URL: a local one)', async () => {
  const server = await startHttpbin()
  const printed: unknown[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((value: unknown) => {
    printed.push(value)
  })
  process.env.HTTPBIN_URL = server.url
  try {
    await examples.example1()
  } finally {
    delete process.env.HTTPBIN_URL
    log.mockRestore()
    await server.close()
  }
  expect(String(printed[0])).toBe('<Response [200]>')
})
