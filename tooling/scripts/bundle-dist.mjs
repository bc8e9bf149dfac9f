// Issue 11 item 3, import cost: after tsc, joins the package's own modules into one ESM file for Node,
// dist/node/index.js (the package's `default` export condition). Loading ~60 to ~160 small modules costs Node more
// than their code: resolving, reading, compiling and linking each one took about two thirds of our import CPU.
// Bundlers keep the per-file dist/index.js (the `module` condition), which tree-shakes file by file.
// Dependencies and sibling packages stay imports (`packages: 'external'`); a dynamic `import()` of our own
// modules becomes a chunk of its own (splitting), so what loads on first use still does. Source maps chain to src/.
// A module `X.js` with a sibling `X.node.js` is that sibling in this build: the Node-only variant of something
// bundlers must see statically (src/cookies/tough.node.ts of @x/requests loads tough-cookie on first use).
// A subpath export whose `default` is under dist/node/ (`@x/requests/testing`) gets a bundle of its own, in which what
// it imports from the rest of the package is imported from the package's main entry instead: one copy of the
// package's modules (and error classes) whichever entries an application imports.
// @x/pool's Node version check stays a module of its own, imported first, so that it still runs before undici
// loads (ESM evaluates a module's imports, dependencies included, before its body).
// Run from the package directory: `node ../../tooling/scripts/bundle-dist.mjs`.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { build } from 'esbuild'
import { importGraph } from './import-graph.mjs'

/** @type {import('esbuild').Plugin} */
const nodeVersionFirst = {
  name: 'node-version-first',
  setup(b) {
    b.onResolve({ filter: /^\.\/node-version\.js$/ }, () => ({ path: '../node-version.js', external: true }))
  },
}

/** @type {import('esbuild').Plugin} */
const nodeVariants = {
  name: 'node-variants',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const variant = join(args.resolveDir, args.path.replace(/\.js$/, '.node.js'))
      return existsSync(variant) ? { path: variant } : undefined
    })
  },
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

/**
 * For the bundle of a subpath entry in `dir`: a module of ours outside `dir` is the package's main entry (whose
 * exports it must be among: Node refuses to link otherwise, and test/node-build.test.ts imports both).
 * @type {(dir: string) => import('esbuild').Plugin}
 */
const mainEntryOutside = (dir) => ({
  name: 'main-entry-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path)
      return path.startsWith(`${resolve(dir)}/`) ? undefined : { path: pkg.name, external: true }
    })
  },
})

/**
 * What every bundle of this script is: ESM for Node, dependencies and sibling packages left as imports.
 * @type {import('esbuild').BuildOptions}
 */
const forNode = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
}

rmSync('dist/node', { recursive: true, force: true })
await build({
  ...forNode,
  entryPoints: { index: 'dist/index.js' },
  outdir: 'dist/node',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [nodeVersionFirst, nodeVariants],
})

// What the bundle imports statically must be what the sources do (test/import-graph.test.ts pins those): a
// dependency the sources load with import() on first use must not become a static import of the bundle.
const graph = importGraph('.', { node: true })
const allowed = new Set([...graph.external, ...graph.builtins, '../node-version.js'])
const bundled = readFileSync('dist/node/index.js', 'utf8')
for (const [, specifier] of bundled.matchAll(/^import\s[^'"]*?['"]([^'"]+)['"]/gm)) {
  const name = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0]
  if (!allowed.has(specifier) && !allowed.has(name) && !name.startsWith('@x/')) {
    throw new Error(
      `dist/node/index.js imports ${specifier} at load, which the sources import only on first use`,
    )
  }
}

for (const [subpath, conditions] of Object.entries(pkg.exports)) {
  if (subpath === '.' || typeof conditions !== 'object' || !conditions.default?.startsWith('./dist/node/'))
    continue
  if (typeof conditions.module !== 'string')
    throw new Error(
      `exports["${subpath}"] bundles to dist/node/ but names no \`module\` build to bundle from`,
    )
  await build({
    ...forNode,
    entryPoints: [conditions.module],
    outfile: conditions.default,
    plugins: [mainEntryOutside(dirname(conditions.module))],
  })
}
