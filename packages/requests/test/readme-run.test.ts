import { unlink, writeFile } from 'node:fs/promises'
import { exampleTest, printedBy } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { HTTPError } from '../src/index.js'

// Issue 14: the README's examples run, not only type-check. test/readme-examples.ts (kept current by
// readme.test.ts) defines their shared names (`s`, `url`, `token`, `pngBytes`) for a local httpbin (HTTPBIN_URL),
// and each example is run.
/** What each example is expected to do when run; every example of the README is listed. */
const EXPECT: Record<string, (run: () => Promise<void>, printed: unknown[][]) => Promise<void>> = {
  // the opener: a GET and a POST
  example1: async (run, printed) => {
    await run()
    expect(String(printed[0]?.[0])).toBe('<Response [200]>')
  },
  // raiseForStatus on a 401 whose URL carries a token: the message shows it redacted, as the comment says
  example2: async (run) => {
    const error = await run().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HTTPError)
    expect((error as Error).message).toBe(
      `401 Client Error: Unauthorized for url: ${process.env.HTTPBIN_URL}/status/401?access_token=[REDACTED]`,
    )
  },
  // retries: sessions and a mounted adapter are built
  example3: async (run) => {
    await run()
  },
  // an upload of report.csv from the working directory, with progress
  example4: async (run, printed) => {
    await writeFile('report.csv', 'a,b\n1,2\n')
    try {
      await run()
      await new Promise((resolve) => setImmediate(resolve)) // the last progress line may follow the response
    } finally {
      await unlink('report.csv')
    }
    // progress was reported up to the whole multipart body (the file's size is not known up front: no total)
    expect(printed.some(([loaded]) => typeof loaded === 'number' && loaded > 'a,b\n1,2\n'.length)).toBe(true)
  },
  // web types: a FormData upload to a URL object, String(response), for await over the body
  example5: async (run, printed) => {
    await run()
    // httpbin has no /upload (a late upload-progress line of example4 may land here too)
    expect(printed).toContainEqual(['<Response [404]>'])
  },
  // "Testing your code" (also run by readme-testing.test.ts)
  example6: async (run) => {
    await run()
  },
}

exampleTest('every README example runs against a local httpbin', async () => {
  const runtime = (await import('./readme-examples.ts')) as unknown as Record<string, () => Promise<void>>
  const names = Object.keys(runtime).filter((name) => name.startsWith('example'))
  expect(names.sort()).toEqual(Object.keys(EXPECT).sort())
  for (const name of names) {
    await printedBy((printed) => EXPECT[name]!(runtime[name]!, printed))
  }
})
