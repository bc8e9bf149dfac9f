import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { differences } from '../src/differences.js'
import { READMES, renderSection, withSection } from '../src/readme-differences.js'
import type { Pkg } from '../src/scenario.js'

test.each(Object.entries(READMES) as [Pkg, URL][])(
  'the "Differences from Python" section of @x/%s README is generated from differences.ts',
  (pkg, url) => {
    const readme = readFileSync(url, 'utf8')
    const expected = withSection(readme, renderSection(pkg))
    if (process.env.UPDATE_README_DIFFERENCES && expected !== readme) writeFileSync(url, expected)
    else expect(readme, 'run `pnpm --filter @x/oracle differences`').toBe(expected)
  },
)

test('every difference has an id used once, a reason, and fields where the suite observes it', () => {
  const ids = differences.map((d) => d.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const d of differences) {
    expect(d.id).toMatch(/^[a-z0-9-]+$/)
    expect(d.reason.length).toBeGreaterThan(10)
    if (d.scenarios) expect(d.fields, `${d.id}: scenarios without fields`).toBeDefined()
  }
})
