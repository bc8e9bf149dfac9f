import { expect, test } from 'vitest'
import { readmeExamples } from '../../../tooling/scripts/readme-examples.ts'

const PRELUDE = `
import type { PoolManager as PoolManager_ } from '@x/pool'

// Names the README's snippets share.
declare const pm: PoolManager_
declare const base: string
declare const url: string
declare const pem: string
declare const proxyCa: string
declare const originCa: string
declare const clientCert: string
declare const clientKey: string
declare const passphrase: string
declare function handle(chunk: Uint8Array): void
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
