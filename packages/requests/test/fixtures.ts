// Fixtures shared the vitest way (issue 15): `it` extended with a local httpbin and a Session on it, each started
// once per test file, on first use, and closed after the file through `await using` (both are AsyncDisposable).
// Replaces the `beforeAll(startHttpbin)` / `afterAll(close)` block copied into each file.
import { type RunningHttpbin, startHttpbin } from '@x/testserver'
import { test } from 'vitest'
import { Session } from '../src/index.js'

export const it = test.extend<{ hb: RunningHttpbin; s: Session }>({
  hb: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await using hb = await startHttpbin()
      await use(hb)
    },
    { scope: 'file' },
  ],
  s: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await using s = new Session()
      await use(s)
    },
    { scope: 'file' },
  ],
})
