// Issue 14 "Typings": the public types (the .d.ts a consumer compiles against) hold no `any` and no member marked
// @internal (stripInternal). Emits the declarations with the package's own build settings.
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
// @ts-expect-error a plain .mjs helper of the repository's tooling, without types
import { anyTypes, emittedDeclarations } from '../../../tooling/scripts/public-types.mjs'

test('no `any` and no @internal member in the emitted declarations', () => {
  const files: Record<string, string> = emittedDeclarations(fileURLToPath(new URL('..', import.meta.url)))
  expect(Object.keys(files).length).toBeGreaterThan(5)
  expect(anyTypes(files)).toEqual([])
  for (const [file, text] of Object.entries(files)) expect(text, file).not.toContain('@internal')
})
