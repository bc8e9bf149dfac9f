#!/usr/bin/env node
// Type test on the lowest supported TypeScript (issue 14): a consumer of the three packages' built declarations
// (tooling/scripts/lowest-typescript/consumer.ts), strict and with skipLibCheck off, compiled by TypeScript 5.8
// (the root devDependency `typescript-lowest`). Needs `turbo run build` first (./dev test builds before).
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const tsc = join(root, 'node_modules/typescript-lowest/bin/tsc')
const version = execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' }).trim()
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tooling/scripts/lowest-typescript/tsconfig.json')], {
    cwd: root,
    stdio: 'pipe',
    encoding: 'utf8',
  })
} catch (error) {
  console.error(`lowest-typescript: the published declarations do not compile under ${version}:`)
  console.error(error.stdout || error.message)
  process.exit(1)
}
console.log(
  `lowest-typescript: the published declarations compile under ${version} (strict, skipLibCheck off)`,
)
