#!/usr/bin/env node
// No import circle inside a package, type imports included (issue 15): dpdm walks each public entry of each
// published package (following `import type` too) and every circle whose files all lie in that package fails the
// check. Circles still being taken apart are listed in KNOWN below with the package they belong to; a circle not
// listed fails, and a listed one that no longer exists fails too (so the list only shrinks).
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

// Remaining circles, each as its files joined by ' -> ' (as dpdm prints them, relative to the package).
const KNOWN = {
  'packages/pool': [],
  // The type-import circles of auth <-> hooks <-> models (AuthBase names PreparedRequest/Response) and hooks <->
  // Session (HookContext names Session).
  'packages/requests': [
    'src/auth/auth-base.ts -> src/hooks.ts -> src/models/prepared-request.ts',
    'src/auth/auth-base.ts -> src/hooks.ts -> src/models/prepared-request.ts -> src/auth/http-basic-auth.ts',
    'src/hooks.ts -> src/models/prepared-request.ts',
    'src/auth/auth-base.ts -> src/hooks.ts -> src/session/session.ts',
    'src/hooks.ts -> src/session/session.ts',
    'src/auth/auth-base.ts -> src/hooks.ts -> src/session/session.ts -> src/models/request.ts',
    'src/hooks.ts -> src/session/session.ts -> src/models/request.ts',
    'src/auth/auth-base.ts -> src/hooks.ts -> src/session/session.ts -> src/session/options.ts',
    'src/hooks.ts -> src/session/session.ts -> src/session/options.ts',
  ],
  'packages/oauth2': [],
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
    const known = new Set(KNOWN[dir])
    for (const circle of own) {
      if (known.delete(circle)) continue
      failed++
      console.error(`import-cycles: ${dir}: ${circle}`)
    }
    for (const gone of known) {
      failed++
      console.error(`import-cycles: ${dir}: listed circle is gone, remove it from KNOWN: ${gone}`)
    }
    console.log(`import-cycles: ${dir}: ${own.length} circle(s), ${KNOWN[dir].length} known`)
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
