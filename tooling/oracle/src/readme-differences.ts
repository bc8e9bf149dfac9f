// Renders each package README's "Differences from Python" section from differences.ts (the one list).
//   node src/readme-differences.ts          rewrite the sections
// test/readme-differences.test.ts fails when a README's section is not what this renders.
import { readFileSync, writeFileSync } from 'node:fs'
import { type Difference, differences } from './differences.ts'
import type { Pkg } from './scenario.ts'

const START = '<!-- differences-from-python:start -->'
const END = '<!-- differences-from-python:end -->'
const PYTHON: Record<Pkg, string> = { pool: 'urllib3', requests: 'requests', oauth2: 'Authlib' }

export const READMES: Record<Pkg, URL> = {
  pool: new URL('../../../packages/pool/README.md', import.meta.url),
  requests: new URL('../../../packages/requests/README.md', import.meta.url),
  oauth2: new URL('../../../packages/oauth2/README.md', import.meta.url),
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The section (markers included) for one package. */
export function renderSection(pkg: Pkg, list: readonly Difference[] = differences): string {
  const rows = list
    .filter((d) => d.package === pkg)
    .map((d) => `| ${cell(d.python)} | ${cell(d.ours)} | ${cell(d.reason)}${d.fields ? ' ✓' : ''} |`)
  return [
    START,
    '## Differences from Python',
    '',
    `<!-- Generated from tooling/oracle/src/differences.ts by \`pnpm --filter @x/oracle differences\`: edit that file, not this table. -->`,
    `The differential suite (\`tooling/oracle\`) runs the same scenarios through ${PYTHON[pkg]} and this package against the`,
    'same local servers and fails on any difference not listed here. ✓ marks the differences it observes.',
    '',
    `| ${PYTHON[pkg]} | @x/${pkg} | why |`,
    '| --- | --- | --- |',
    ...rows,
    END,
  ].join('\n')
}

/** The README text with its section replaced (or inserted before "## Testing your code", else appended). */
export function withSection(readme: string, section: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start !== -1 && end > start) return readme.slice(0, start) + section + readme.slice(end + END.length)
  const anchor = readme.indexOf('\n## Testing your code')
  if (anchor !== -1) return `${readme.slice(0, anchor + 1)}${section}\n\n${readme.slice(anchor + 1)}`
  return `${readme.trimEnd()}\n\n${section}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [pkg, url] of Object.entries(READMES) as [Pkg, URL][]) {
    const readme = readFileSync(url, 'utf8')
    const next = withSection(readme, renderSection(pkg))
    if (next !== readme) {
      writeFileSync(url, next)
      process.stdout.write(`updated ${url.pathname}\n`)
    }
  }
}
