// Field-by-field comparison of the two observations, differences matched against differences.ts.
import { type Difference, differences } from './differences.js'
import type { Pkg } from './scenario.js'

/** `steps[1].headers.content-type` -> value; arrays and objects flattened, undefined as null. */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, '[]')
    for (const [i, v] of value.entries()) flatten(v, `${prefix}[${i}]`, out)
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 0) out.set(prefix, '{}')
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else out.set(prefix, value ?? null)
  return out
}

/** The key differences.ts names: indices and the `steps` prefix dropped (`headers.content-type`). */
export function fieldOf(key: string): string {
  return key.replace(/\[\d+\]/g, '').replace(/^steps\./, '')
}

export interface FieldDiff {
  key: string
  python: unknown
  ours: unknown
  accepted?: Difference
}

export interface Verdict {
  id: string
  pkg: Pkg
  outcome: 'agree' | 'accepted' | 'differ'
  diffs: FieldDiff[]
}

function matches(d: Difference, pkg: Pkg, id: string, field: string): boolean {
  if (d.package !== pkg || !d.fields) return false
  if (
    d.scenarios &&
    !d.scenarios.some((s) => id === s || id.startsWith(s.endsWith('/') ? s : `${s}/`) || id.startsWith(s))
  )
    return false
  return d.fields.some((f) => (f.endsWith('*') ? field.startsWith(f.slice(0, -1)) : field === f))
}

export function compare(id: string, pkg: Pkg, python: unknown, ours: unknown): Verdict {
  const a = flatten(python)
  const b = flatten(ours)
  const diffs: FieldDiff[] = []
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const pv = a.has(key) ? a.get(key) : null
    const ov = b.has(key) ? b.get(key) : null
    if (JSON.stringify(pv) === JSON.stringify(ov)) continue
    const field = fieldOf(key)
    const accepted = differences.find((d) => matches(d, pkg, id, field))
    diffs.push(accepted ? { key, python: pv, ours: ov, accepted } : { key, python: pv, ours: ov })
  }
  // Differences marked `everywhere` (the User-Agent...) hold for every scenario: they do not make one "accepted".
  const counted = diffs.filter((d) => !d.accepted?.everywhere)
  const outcome = counted.length === 0 ? 'agree' : counted.every((d) => d.accepted) ? 'accepted' : 'differ'
  return { id, pkg, outcome, diffs }
}

export function describe(verdict: Verdict): string {
  return verdict.diffs
    .map(
      (d) =>
        `  ${d.accepted ? `accepted (${d.accepted.id})` : 'DIFFERENT'} ${d.key}\n    python: ${JSON.stringify(d.python)}\n    ours:   ${JSON.stringify(d.ours)}`,
    )
    .join('\n')
}
