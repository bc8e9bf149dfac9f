// Issue 11 item 3, import cost: the modules `import('@x/oauth2')` evaluates, read from the static import graph of the
// sources (tooling/scripts/import-graph.mjs). A dependency that can wait is loaded with `import()` on first use.
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
// @ts-expect-error a plain .mjs helper of the repository's tooling, without types
import { eagerSchemas, importGraph } from '../../../tooling/scripts/import-graph.mjs'

test('importing the package loads no validation library', () => {
  const graph: { files: string[]; external: string[] } = importGraph(
    fileURLToPath(new URL('..', import.meta.url)),
  )
  expect(graph.files).toContain('oauth2/src/index.ts')
  // zod (wire-schemas.ts) and jose load on first use, through import(); in the Node build, so does @x/requests'
  // tough-cookie (its src/cookies/tough.node.ts).
  expect(graph.external).toEqual(['tough-cookie', 'undici'])
  const node: { external: string[] } = importGraph(fileURLToPath(new URL('..', import.meta.url)), {
    node: true,
  })
  expect(node.external).toEqual(['undici'])
})

test('the zod schemas of wire data are not part of the import', () => {
  const graph: { files: string[] } = importGraph(fileURLToPath(new URL('..', import.meta.url)))
  expect(graph.files).toContain('oauth2/src/schemas.ts')
  expect(graph.files).not.toContain('oauth2/src/wire-schemas.ts')
})

test('importing the package builds no option schema: each is built on first use (s.lazy)', () => {
  expect(eagerSchemas(fileURLToPath(new URL('..', import.meta.url)))).toEqual([])
})
