import { unlink, writeFile } from 'node:fs/promises'
import { exampleTest, printedBy } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { HTTPHeaderDict, PoolManager } from '../src/index.js'

// Issue 14: the README's examples run, not only type-check. test/readme-examples.ts (kept current by
// readme.test.ts) defines their shared names (`pm`, `base`, ...) for a local httpbin (HTTPBIN_URL); each example
// is run here, or listed with the reason it cannot run here and the test that covers what it shows.
type Runtime = Record<string, () => Promise<void>> & { handled: Uint8Array[] }
type Expectation =
  | ((run: () => Promise<void>, printed: unknown[][], runtime: Runtime) => Promise<void>)
  | string

/** What each example does when run, or why it is not run here; every example of the README is listed. */
const EXPECT: Record<string, Expectation> = {
  example1: async (run, printed) => {
    await run()
    expect(printed[0]).toEqual([200])
  },
  example2: async (run) => {
    await run() // a PoolManager with every option
  },
  example3: async (run) => {
    await run() // the module-level request()
  },
  // GET with fields, a multipart POST, a streamed PUT of big.bin, and a request aborted after 1 s
  example4: async (run) => {
    await writeFile('big.bin', Buffer.alloc(256 * 1024, 1))
    try {
      const error = await run().catch((e: unknown) => e)
      expect((error as Error).name).toBe('TimeoutError') // the last line: /delay/10 with a 1 s signal
    } finally {
      await unlink('big.bin')
    }
  },
  example5: async (run, _printed, runtime) => {
    await run()
    expect(runtime.handled.reduce((n, c) => n + c.byteLength, 0)).toBe(1_000_000)
    expect(Math.max(...runtime.handled.map((c) => c.byteLength))).toBeLessThanOrEqual(64 * 1024)
  },
  example6: async (run) => {
    await run()
    expect(new HTTPHeaderDict({ a: '1' }).get('A')).toBe('1')
  },
  example7: async (run) => {
    await run() // a Retry with every option
  },
  example8: async (run) => {
    await run()
  },
  example9:
    'needs a proxy at 127.0.0.1:3128 and an origin named example.test; test/proxy.test.ts runs ProxyManager ' +
    'against real HTTP, CONNECT and SOCKS5 proxies',
  example10:
    "'AB:CD:...' is a placeholder fingerprint (refused as such); test/tls.test.ts runs every TLS option against " +
    'a real HTTPS server',
  example11: async (run) => {
    await run()
  },
  example12: async (run, printed) => {
    await run()
    await new PoolManager().request('GET', `${process.env.HTTPBIN_URL}/get`)
    expect(printed.some(([m]) => (m as { status?: number }).status === 200)).toBe(true)
  },
  example13: async (run) => {
    await run() // "Testing your code" (also run by readme-testing.test.ts)
  },
}

exampleTest('every README example runs against a local httpbin, or says why not', async () => {
  const runtime = (await import('./readme-examples.ts')) as unknown as Runtime
  const names = Object.keys(runtime).filter((name) => name.startsWith('example'))
  expect(names.sort()).toEqual(Object.keys(EXPECT).sort())
  for (const name of names) {
    const expectation = EXPECT[name]!
    if (typeof expectation === 'string') {
      console.info(`README ${name} not run: ${expectation}`)
      continue
    }
    await printedBy((printed) => expectation(runtime[name]!, printed, runtime))
  }
})
