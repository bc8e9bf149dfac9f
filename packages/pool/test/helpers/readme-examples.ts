// Turns the ```ts blocks of the README into one module that `tsc` checks (test/readme-examples.ts), so the
// examples cannot rot: readme.test.ts fails when the generated file is out of date. Same approach as
// packages/oauth2/test/helpers/readme-examples.ts, with this package's prelude and default imports hoisted too.

const PRELUDE = `// Generated from README.md by test/helpers/readme-examples.ts — do not edit; run
// \`UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts\` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
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

const IMPORT = /^import (?:(\w+)|\{ ([^}]+) \}) from '([^']+)'(?:\s*\/\/.*)?$/

/** Names snippets use without importing them (the README shows the import once). */
const IMPLICIT: Record<string, string[]> = {
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

/** The generated module for a README text. */
export function renderExamples(readme: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  const named = new Map(Object.entries(IMPLICIT).map(([from, names]) => [from, new Set(names)]))
  const defaults = new Map<string, string>()
  const bodies = blocks.map((block, i) => {
    const lines = block.split('\n').filter((line) => {
      const m = IMPORT.exec(line)
      if (!m) return true
      const [, defaultName, names = '', from = ''] = m
      if (defaultName !== undefined) defaults.set(from, defaultName)
      else {
        const set = named.get(from) ?? new Set<string>()
        for (const name of names.split(',')) set.add(name.trim())
        named.set(from, set)
      }
      return false
    })
    const body = lines
      .map((line) => (line ? `  ${line}` : line))
      .join('\n')
      .trimEnd()
    return `export async function example${i + 1}(): Promise<void> {\n${body}\n}\n`
  })
  const header = [
    ...[...defaults].map(([from, name]) => `import ${name} from '${from}'`),
    ...[...named].map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}'`),
  ]
  return `${PRELUDE}${header.join('\n')}\n\n${bodies.join('\n')}`
}
