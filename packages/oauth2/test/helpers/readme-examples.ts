// Turns the ```ts blocks of the README into one module that `tsc` checks (test/readme-examples.ts), so the
// examples cannot rot: readme.test.ts fails when the generated file is out of date.

const PRELUDE = `// Generated from README.md by test/helpers/readme-examples.ts — do not edit; run
// \`UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts\` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
import type { OAuth2Session as Session_ } from '@x/oauth2'

// Names the README's snippets share.
declare const client: Session_
declare const web: Session_
declare const tokenUrl: string
declare const issuer: string
declare const idToken: string
declare const nonce: string
`

/** The generated module for a README text. */
export function renderExamples(readme: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  const imports = new Map<string, Set<string>>()
  const bodies = blocks.map((block, i) => {
    const lines = block.split('\n').filter((line) => {
      const m = /^import \{ ([^}]+) \} from '([^']+)'/.exec(line)
      if (!m) return true
      const names = imports.get(m[2]!) ?? new Set<string>()
      for (const name of m[1]!.split(',')) names.add(name.trim())
      imports.set(m[2]!, names)
      return false
    })
    const body = lines
      .map((line) => (line ? `  ${line}` : line))
      .join('\n')
      .trimEnd()
    return `export async function example${i + 1}(): Promise<void> {\n${body}\n}\n`
  })
  const header = [...imports].map(
    ([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}'`,
  )
  return `${PRELUDE}${header.join('\n')}\n\n${bodies.join('\n')}`
}
