// Vitest fixtures and helpers the README tests of every package share (`@x/testserver/vitest`), so running a
// README example against a local server is written once.
import { test as base, expect, vi } from 'vitest'
import { sectionExamples } from '../../scripts/readme-examples.ts'
import { type RunningHttpbin, startHttpbin } from './httpbin/server.ts'

/** `test` with an `httpbin` fixture for each test: a local httpbin whose URL is HTTPBIN_URL (what README examples read) meanwhile. */
export const exampleTest = base.extend<{ httpbin: RunningHttpbin }>({
  httpbin: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const server = await startHttpbin()
      process.env.HTTPBIN_URL = server.url
      try {
        await use(server)
      } finally {
        delete process.env.HTTPBIN_URL
        await server.close()
      }
    },
    // started for every test of exampleTest: examples find it through HTTPBIN_URL, not through the context
    { auto: true },
  ],
})

/** `test` with an `httpbin` fixture: one local httpbin for the test file, closed after its last test. */
// biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
export const httpbinTest = base.extend('httpbin', { scope: 'file' }, async ({}, { onCleanup }) => {
  const server = await startHttpbin()
  onCleanup(() => server.close())
  return server
})

/** Runs `body` with console.log captured and returns what it printed: the arguments of each call. */
export async function printedBy(body: (printed: unknown[][]) => Promise<unknown>): Promise<unknown[][]> {
  const printed: unknown[][] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    printed.push(values)
  })
  try {
    await body(printed)
  } finally {
    log.mockRestore()
  }
  return printed
}

/**
 * One test per ```ts block under the README's `## heading` (a generated readme-examples.ts module's functions),
 * for sections whose examples need no outside server ("Testing your code": undici's MockAgent replaces it).
 */
export function testReadmeSection(readme: URL, heading: string, examples: object): void {
  const names = sectionExamples(readme, heading)
  base(`the README has a "${heading}" example`, () => {
    expect(names.length).toBeGreaterThan(0)
  })
  for (const name of names) {
    base(`README "${heading}": ${name} runs`, async () => {
      await (examples as Record<string, () => Promise<void>>)[name]!()
    })
  }
}
