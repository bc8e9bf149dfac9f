import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

// The names the README's snippets share come from test/readme-names.ts (defined for a local httpbin), so the one
// rendering is both type-checked (test/ is in the typecheck) and run by readme-run.test.ts (issue 14).
const PRELUDE = `
import { base, clientCert, clientKey, handle, originCa, passphrase, pem, pm, proxyCa, url } from './readme-names.ts'
export { handled } from './readme-names.ts'
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
