// Vitest fixtures and helpers the tests of every package share (`@x/testserver/vitest`): a local httpbin per file
// or per README example, console.log captured, README sections run, NODE_DEBUG output of a fresh process.
import { execFile } from 'node:child_process'
import diagnostics from 'node:diagnostics_channel'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test as base, expect, onTestFinished, vi } from 'vitest'
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

/**
 * A builder fixture that starts what `start` resolves to and disposes it (`Symbol.asyncDispose`) when its scope ends:
 * `test.extend('proxy', { scope: 'file' }, disposed(startProxy))`, for a file with several servers.
 */
export function disposed<T extends AsyncDisposable>(start: () => Promise<T>) {
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
  return async ({}, { onCleanup }: { onCleanup: (cleanup: () => PromiseLike<void>) => void }): Promise<T> => {
    const server = await start()
    onCleanup(() => server[Symbol.asyncDispose]())
    return server
  }
}

/**
 * `test` with a `server` fixture: what `start` resolves to, started once per test file on first use and disposed
 * (`await using`) after the file's last test. Replaces a `beforeAll(start)` / `afterAll(close)` pair.
 */
export function serverTest<T extends AsyncDisposable>(start: () => Promise<T>) {
  return base.extend('server', { scope: 'file' }, disposed(start))
}

/**
 * Waits until `predicate` holds, checking every 5 ms, and throws after `turns` checks (10 s by default): for state
 * that settles a few event-loop turns after what the test awaited (a socket closed, a slot returned), without
 * asserting how long it took.
 */
export async function until(predicate: () => boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('condition never became true')
}

/**
 * Records the messages published on the `node:diagnostics_channel` channel `name` from now until the test ends (then
 * unsubscribes): what a package reports through its events, read by the test.
 *
 * @example
 * ```ts
 * const retries = published<{ delay: number }>('x:pool:request:retry')
 * // ... a request that is retried once
 * expect(retries.map((m) => m.delay)).toEqual([1000])
 * ```
 */
export function published<T = Record<string, unknown>>(name: string): T[] {
  const messages: T[] = []
  const onMessage = (message: unknown) => messages.push(message as T)
  diagnostics.subscribe(name, onMessage)
  onTestFinished(() => {
    diagnostics.unsubscribe(name, onMessage)
  })
  return messages
}

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

const runSource = fileURLToPath(new URL('../../scripts/run-source.mjs', import.meta.url))

/**
 * Runs a fixture script from TypeScript sources in a fresh node (tooling/scripts/run-source.mjs; NODE_DEBUG is read
 * at startup) with NODE_DEBUG=`section`, or without NODE_DEBUG when `section` is undefined, and returns its stderr
 * with each `SECTION <pid>: ` prefix dropped and every duration written `N ms`.
 */
export async function nodeDebugOutput(
  script: URL,
  section: string | undefined,
  args: string[] = [],
): Promise<string> {
  const env = { ...process.env }
  if (section === undefined) delete env.NODE_DEBUG
  else env.NODE_DEBUG = section
  const { stderr } = await promisify(execFile)(
    process.execPath,
    ['--experimental-transform-types', '--no-warnings', runSource, fileURLToPath(script), ...args],
    { env },
  )
  const prefix = section === undefined ? undefined : new RegExp(`${section.toUpperCase()} \\d+: `, 'g')
  return (prefix ? stderr.replace(prefix, '') : stderr).replace(/\d+\.\d ms/g, 'N ms')
}
