#!/usr/bin/env node
// No import circle inside a package, type imports included (issue 15): dpdm walks each public entry of each
// published package (following `import type` too) and every circle whose files all lie in that package fails the
// check. There is no allow-list: every package is at 0 circles. A type shared both ways goes into a leaf module, or
// into an interface filled in by declaration merging (as @x/requests' RequestExceptionModels and HookModels).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const dpdm = join(root, 'node_modules/.bin/dpdm')

const PACKAGES = {
  'packages/pool': ['src/index.ts'],
  'packages/requests': ['src/index.ts', 'src/testing/index.ts'],
  'packages/oauth2': ['src/index.ts'],
}

const tmp = mkdtempSync(join(tmpdir(), 'import-cycles-'))
let failed = 0
try {
  for (const [dir, entries] of Object.entries(PACKAGES)) {
    const out = join(tmp, `${dir.replace(/\W/g, '_')}.json`)
    execFileSync(
      dpdm,
      [
        '--no-tree',
        '--no-warning',
        '--no-progress',
        '-T',
        'false',
        '--tsconfig',
        'tsconfig.json',
        '-o',
        out,
        ...entries,
      ],
      { cwd: join(root, dir), stdio: 'pipe' },
    )
    const { circulars } = JSON.parse(readFileSync(out, 'utf8'))
    // Circles through a sibling package (read through the @x/source condition) belong to that package's check.
    const own = circulars.filter((c) => c.every((f) => !f.startsWith('../'))).map((c) => c.join(' -> '))
    for (const circle of own) {
      failed++
      console.error(`import-cycles: ${dir}: ${circle}`)
    }
    console.log(`import-cycles: ${dir}: ${own.length} circle(s)`)
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
if (failed) {
  console.error(
    `import-cycles: ${failed} problem(s); break the circle (a leaf module for shared types) instead`,
  )
  process.exit(1)
}
