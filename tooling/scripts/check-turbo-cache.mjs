#!/usr/bin/env node
// Proves the turbo graph cannot replay a stale test run (issue 15): in a scratch copy of the repository, with every
// `test` script replaced by a no-op so that the check costs seconds, it fills a scratch cache, checks that an
// unchanged tree is a cache hit (so the check can fail), then edits one file at a time and asserts that every test
// task that can see the file is a cache miss: a source file of @x/pool (read by @x/requests' tests through the
// `@x/source` condition), the shared configs, and tooling/scripts.
import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const turbo = join(root, 'node_modules/.bin/turbo')
const scratch = mkdtempSync(join(tmpdir(), 'turbo-cache-check-'))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_UI: 'false' }

const run = (cmd, args) => execFileSync(cmd, args, { cwd: scratch, env, encoding: 'utf8', stdio: 'pipe' })
const git = (...args) => run('git', ['-c', 'user.email=ci@localhost', '-c', 'user.name=ci', ...args])
const turboArgs = ['run', 'test', '--cache-dir', join(scratch, '.turbo-cache'), '--filter=@x/requests...']

function status() {
  const plan = JSON.parse(run(turbo, [...turboArgs, '--dry=json']))
  return Object.fromEntries(plan.tasks.map((t) => [t.taskId, t.cache.status]))
}

// Every test task that sees a change to `file`; the ones listed must all be misses.
const cases = [
  ['packages/pool/src/index.ts', ['@x/pool#test', '@x/requests#test']],
  ['tsconfig.base.json', ['@x/pool#test', '@x/requests#test']],
  ['vitest.shared.ts', ['@x/pool#test', '@x/requests#test']],
  ['biome.json', ['@x/pool#test', '@x/requests#test']],
  ['tooling/scripts/readme-examples.ts', ['@x/requests#test']],
]

let failed = 0
try {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
  for (const f of files.split('\0').filter(Boolean)) {
    try {
      mkdirSync(dirname(join(scratch, f)), { recursive: true })
      cpSync(join(root, f), join(scratch, f))
    } catch {} // a file deleted in the working tree but still in the index
  }
  // Tests become no-ops: the check is about the cache key, not about the tests.
  for (const f of files.split('\0').filter((f) => f.endsWith('package.json'))) {
    const pkg = JSON.parse(readFileSync(join(scratch, f), 'utf8'))
    if (pkg.scripts?.test) pkg.scripts.test = 'node -e 0'
    writeFileSync(join(scratch, f), `${JSON.stringify(pkg, null, 2)}\n`)
  }
  git('init', '-q')
  git('add', '-A')
  git('commit', '-qm', 'scratch')
  run(turbo, [...turboArgs, '--output-logs=none'])
  const warm = status()
  if (warm['@x/requests#test'] !== 'HIT') {
    console.error(
      `turbo-cache: an unchanged tree should replay @x/requests#test, got ${warm['@x/requests#test']}`,
    )
    failed++
  }
  for (const [file, mustMiss] of cases) {
    const before = readFileSync(join(scratch, file), 'utf8')
    appendFileSync(join(scratch, file), file.endsWith('.json') ? '\n' : '\n// edited by check-turbo-cache\n')
    const after = status()
    writeFileSync(join(scratch, file), before)
    for (const task of mustMiss) {
      const ok = after[task] === 'MISS'
      if (!ok) failed++
      console.log(`turbo-cache: edit ${file} -> ${task} ${after[task]}${ok ? '' : '  (expected MISS)'}`)
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
if (failed) {
  console.error(`turbo-cache: ${failed} stale cache replay(s) possible`)
  process.exit(1)
}
console.log('turbo-cache: every edited file invalidates the tests that can see it')
