// Turns the ```ts blocks of a package README into one module that `tsc` checks, so README examples cannot rot.
// Each package keeps a tiny test/readme.test.ts that renders its README with this module and fails when the
// committed test/readme-examples.ts differs (UPDATE_README_EXAMPLES=1 rewrites it); the package typecheck then
// covers the generated file.
import { readFileSync, writeFileSync } from 'node:fs'

export interface ReadmeExamplesOptions {
  /** Declarations the snippets share without defining them (`declare const pm: PoolManager_`), plus their imports. */
  prelude: string
  /** Names snippets use without importing them, by module: the README shows each import once. */
  implicit?: Record<string, readonly string[]>
}

const IMPORT = /^import (?:\* as (\w+)|(\w+)|\{ ([^}]+) \}) from '([^']+)'(?:\s*\/\/.*)?$/

const HEADER = `// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// \`UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts\` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
`

/** The generated module for a README text: one async function per ```ts block, imports hoisted and merged. */
export function renderExamples(readme: string, options: ReadmeExamplesOptions): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  const named = new Map(Object.entries(options.implicit ?? {}).map(([from, names]) => [from, new Set(names)]))
  const whole = new Map<string, string>()
  const bodies = blocks.map((block, i) => {
    const lines = block.split('\n').filter((line) => {
      const m = IMPORT.exec(line)
      if (!m) return true
      const [, namespace, defaultName, names = '', from = ''] = m
      if (namespace !== undefined) whole.set(from, `* as ${namespace}`)
      else if (defaultName !== undefined) whole.set(from, defaultName)
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
  const imports = [
    ...[...whole].map(([from, what]) => `import ${what} from '${from}'`),
    ...[...named].map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}'`),
  ]
  return `${HEADER}${options.prelude.trim()}\n${imports.join('\n')}\n\n${bodies.join('\n')}`
}

/**
 * Renders `readme` and compares it with the committed `target`; with UPDATE_README_EXAMPLES set it rewrites
 * `target` first. Returns [expected, actual] for the caller's assertion.
 */
export function readmeExamples(readme: URL, target: URL, options: ReadmeExamplesOptions): [string, string] {
  const expected = renderExamples(readFileSync(readme, 'utf8'), options)
  if (process.env.UPDATE_README_EXAMPLES) writeFileSync(target, expected)
  return [expected, readFileSync(target, 'utf8')]
}

/**
 * The generated function names (`example3`, ...) of the ```ts blocks under the `## heading` of a README, so a
 * test can run a section's examples (those that need no outside server) rather than only type-check them.
 */
export function sectionExamples(readme: URL, heading: string): string[] {
  const text = readFileSync(readme, 'utf8')
  const start = text.indexOf(`\n## ${heading}\n`)
  if (start === -1) throw new Error(`${readme.pathname} has no "## ${heading}" section`)
  const next = text.indexOf('\n## ', start + 1)
  const end = next === -1 ? text.length : next
  const names: string[] = []
  let i = 0
  for (const m of text.matchAll(/```ts\n[\s\S]*?```/g)) {
    i++
    if (m.index >= start && m.index < end) names.push(`example${i}`)
  }
  return names
}
