// What `import('@x/<package>')` loads (issue 11 item 3: nothing that can wait runs at import): the static import
// graph of the package's sources from src/index.ts, through the sibling packages it imports. Dynamic `import()`
// is not followed (that is how a dependency waits for its first use) and neither is `import type` (erased);
// `import { type A } from` is, since verbatimModuleSyntax keeps it as `import {} from` and the module loads.
// Used by each package's test/import-graph.test.ts.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const packages = resolve(dirname(fileURLToPath(import.meta.url)), '../../packages')

function target(specifier, from, node) {
  if (specifier.startsWith('.')) {
    const path = resolve(dirname(from), specifier).replace(/\.js$/, '.ts')
    const nodeVariant = path.replace(/\.ts$/, '.node.ts')
    if (node && existsSync(nodeVariant)) return { file: nodeVariant }
    return { file: existsSync(path) ? path : join(path, 'index.ts') }
  }
  if (specifier.startsWith('node:')) return { builtin: specifier }
  const sibling = /^@x\/([^/]+)$/.exec(specifier)
  if (sibling && existsSync(join(packages, sibling[1], 'src/index.ts')))
    return { file: join(packages, sibling[1], 'src/index.ts') }
  const parts = specifier.split('/')
  return { external: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] }
}

// Statements at the start of a line: `import ... from '...'`, `export ... from '...'` (the clause holds only
// names, braces, commas and `*`), and `import '...'`. TypeScript 7 has no JS API to parse with; the sources are
// formatted by biome, so a statement starts its line.
const FROM = /^[ \t]*(import|export)[ \t]+(type[ \t]+)?[\w\s{},*$]*?from[ \t]*['"]([^'"]+)['"]/gm
const BARE = /^[ \t]*import[ \t]*['"]([^'"]+)['"]/gm

function loadedSpecifiers(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '')
  const found = []
  for (const m of code.matchAll(FROM)) if (!m[2]) found.push(m[3])
  for (const m of code.matchAll(BARE)) found.push(m[1])
  return found
}

/**
 * The modules `import()` of the package in `dir` evaluates: `{ files, external, builtins }`, our source files
 * (relative to packages/), the names of the other packages reached directly from them, and the Node.js modules
 * they import, all sorted. With `{ node: true }`, the graph of the Node build (dist/node): a module `X.ts` with a
 * sibling `X.node.ts` is that sibling, as tooling/scripts/bundle-dist.mjs builds it.
 */
export function importGraph(dir, { node = false } = {}) {
  const files = new Set()
  const external = new Set()
  const builtins = new Set()
  const queue = [join(dir, 'src/index.ts')]
  while (queue.length > 0) {
    const file = queue.pop()
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of loadedSpecifiers(readFileSync(file, 'utf8'))) {
      const to = target(specifier, file, node)
      if (to.file) queue.push(to.file)
      else if (to.external) external.add(to.external)
      else builtins.add(to.builtin)
    }
  }
  return {
    files: [...files].map((f) => f.slice(packages.length + 1)).sort(),
    external: [...external].sort(),
    builtins: [...builtins].sort(),
  }
}

// A module-level `const` whose value is a call of @x/pool's option validator (`const x = s.strictObject(...)`,
// `s.custom<T>(...)`): its work runs at import. `s.lazy(...)` defers it to the first validation; a function builds on call.
const EAGER_SCHEMA =
  /^(?:export[ \t]+)?const[ \t]+([\w$]+)[^=\n]*=[ \t]*(?:\/\*[^*]*\*\/[ \t]*)?s[ \t\n]*\.(?!lazy\b)([\w$]+)[<(]/gm

/**
 * The option schemas that the modules `import()` of the package in `dir` evaluates build in their bodies, as
 * `file: name` (issue 11 item 3: schemas are built on first use).
 */
export function eagerSchemas(dir) {
  const found = []
  for (const file of importGraph(dir).files) {
    const text = readFileSync(join(packages, file), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '')
    for (const m of text.matchAll(EAGER_SCHEMA)) found.push(`${file}: ${m[1]}`)
  }
  return found
}
