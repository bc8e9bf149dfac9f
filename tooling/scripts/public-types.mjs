// Reads a package's public type surface as consumers get it: the .d.ts files tsc emits with the package's build
// settings (stripInternal on). Used by each package's test/public-types.test.ts (issue 14, "Typings").
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const tsc = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.bin/tsc')

/** The emitted declarations of the package in `dir`, as `{ file: text }` (files relative to the output). */
export function emittedDeclarations(dir) {
  const out = mkdtempSync(join(tmpdir(), 'public-types-'))
  try {
    execFileSync(
      tsc,
      ['-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--declarationMap', 'false', '--outDir', out],
      { cwd: dir, stdio: 'pipe' },
    )
    const files = {}
    for (const f of readdirSync(out, { recursive: true })) {
      if (String(f).endsWith('.d.ts'))
        files[relative(out, join(out, String(f)))] = readFileSync(join(out, String(f)), 'utf8')
    }
    return files
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** Each `any` type in declarations (comments and string literals skipped): `file:line: text`. */
export function anyTypes(files) {
  const found = []
  for (const [file, text] of Object.entries(files)) {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '')
    code.split('\n').forEach((line, i) => {
      const bare = line.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '""')
      if (/(?<![\w$.])any(?![\w$])/.test(bare)) found.push(`${file}:${i + 1}: ${line.trim()}`)
    })
  }
  return found
}
