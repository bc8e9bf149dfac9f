// Packs the package in the current directory the way it would be published, then checks the tarball with
// publint (exports, files, types) and arethetypeswrong (types resolve for every ESM consumer).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const out = mkdtempSync(join(tmpdir(), 'xstack-pack-'))
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })
try {
  run('pnpm', ['pack', '--pack-destination', out])
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'))
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${out}`)
  const file = join(out, tarball)
  // through `pnpm exec` so the workspace root's publint and attw resolve from any working directory
  run('pnpm', ['exec', 'publint', 'run', file, '--strict'])
  run('pnpm', ['exec', 'attw', file, '--profile', 'esm-only'])
} finally {
  rmSync(out, { recursive: true, force: true })
}
