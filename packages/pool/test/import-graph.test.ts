// Issue 11 item 3, import cost: the modules `import('@x/pool')` evaluates, read from the static import graph of the
// sources (tooling/scripts/import-graph.mjs). A dependency that can wait is loaded with `import()` on first use.
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
// @ts-expect-error a plain .mjs helper of the repository's tooling, without types
import { eagerSchemas, importGraph } from '../../../tooling/scripts/import-graph.mjs'

test('importing the package loads no validation library and no Node-bundled undici', () => {
  const graph: { files: string[]; external: string[]; builtins: string[] } = importGraph(
    fileURLToPath(new URL('..', import.meta.url)),
  )
  expect(graph.files).toContain('pool/src/index.ts')
  // zod no longer loads: options are validated by ./option-schema.js.
  expect(graph.external).toEqual(['undici'])
  // An ESM import of node:http builds its namespace, whose lazy WebSocket export loads Node's own bundled undici
  // (~20 ms of CPU): take what is needed from process.getBuiltinModule('node:http') instead.
  expect(graph.builtins).not.toContain('node:http')
})

test('importing the package builds no option schema: each is built on first use (s.lazy)', () => {
  expect(eagerSchemas(fileURLToPath(new URL('..', import.meta.url)))).toEqual([])
})
