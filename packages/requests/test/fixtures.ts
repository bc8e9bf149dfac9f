// Fixtures shared the vitest way (issue 15): `@x/testserver/vitest`'s `httpbinTest` (a local httpbin per test file)
// extended with a Session on it, started once per test file on first use and closed after the file through
// `await using` (a Session is AsyncDisposable).
import { httpbinTest } from '@x/testserver/vitest'
import { Session } from '../src/index.js'

export const it = httpbinTest.extend<{ s: Session }>({
  s: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await using s = new Session()
      await use(s)
    },
    { scope: 'file' },
  ],
})
