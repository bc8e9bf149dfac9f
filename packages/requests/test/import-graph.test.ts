// Issue 11 item 3, import cost: the modules `import('@x/requests')` evaluates, read from the static import graph of the
// sources (tooling/scripts/import-graph.mjs). A dependency that can wait is loaded with `import()` on first use.
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
// @ts-expect-error a plain .mjs helper of the repository's tooling, without types
import { eagerSchemas, importGraph } from '../../../tooling/scripts/import-graph.mjs'

test('importing the package loads no validation library', () => {
  const graph: { files: string[]; external: string[] } = importGraph(
    fileURLToPath(new URL('..', import.meta.url)),
  )
  expect(graph.files).toContain('requests/src/index.ts')
  // zod no longer loads (options go through @x/pool's optionSchema). Bundlers see tough-cookie statically
  // (src/cookies/tough.ts); the Node build loads it on first use (tough.node.ts, test/node-build.test.ts).
  expect(graph.external).toEqual(['tough-cookie', 'undici'])
  const node: { files: string[]; external: string[] } = importGraph(
    fileURLToPath(new URL('..', import.meta.url)),
    { node: true },
  )
  expect(node.files).toContain('requests/src/cookies/tough.node.ts')
  expect(node.external).toEqual(['undici'])
})

test('importing the package builds no option schema: each is built on first use (s.lazy)', () => {
  expect(eagerSchemas(fileURLToPath(new URL('..', import.meta.url)))).toEqual([])
})
