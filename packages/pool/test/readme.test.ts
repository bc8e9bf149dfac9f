import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

// The names the README's snippets share are defined for a local httpbin (HTTPBIN_URL), so the one rendering is
// both type-checked (test/ is in the typecheck) and run by readme-run.test.ts (issue 14).
const PRELUDE = `
import { PoolManager as PoolManager_ } from '@x/pool'

// The names the README's snippets share, for the httpbin under test.
const base = process.env.HTTPBIN_URL ?? ''
const url = \`\${base}/get\`
const pm = new PoolManager_()
const pem = 'ca.pem contents'
const proxyCa = pem
const originCa = pem
const clientCert = 'client.pem contents'
const clientKey = 'client.key contents'
const passphrase = 'key passphrase'
const handled: Uint8Array[] = []
function handle(chunk: Uint8Array): void {
  handled.push(chunk)
}
export { handled }
`

/** Names snippets use without importing them (the README shows the import once). */
const IMPLICIT = {
  '@x/pool': [
    'HTTPHeaderDict',
    'PoolManager',
    'ProxyManager',
    'Retry',
    'Timeout',
    'encodeMultipartFormData',
    'makeHeaders',
    'parseUrl',
  ],
  'node:fs': ['createReadStream'],
}

test('the README examples are current in test/readme-examples.ts, which the typecheck covers', () => {
  const [expected, actual] = readmeExamples(
    new URL('../README.md', import.meta.url),
    new URL('./readme-examples.ts', import.meta.url),
    { prelude: PRELUDE, implicit: IMPLICIT },
  )
  expect(actual).toBe(expected)
})
