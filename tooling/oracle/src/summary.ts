import type { Verdict } from './compare.js'

/** `requests: N/M agree, K accepted` per package (and the count that differ). */
export function summary(verdicts: Pick<Verdict, 'pkg' | 'outcome'>[]): string {
  const lines: string[] = []
  for (const pkg of ['pool', 'requests', 'oauth2'] as const) {
    const mine = verdicts.filter((v) => v.pkg === pkg)
    if (mine.length === 0) continue
    const count = (o: Verdict['outcome']) => mine.filter((v) => v.outcome === o).length
    const differ = count('differ')
    lines.push(
      `${pkg}: ${count('agree')}/${mine.length} agree, ${count('accepted')} accepted${differ ? `, ${differ} DIFFER` : ''}`,
    )
  }
  return lines.join('\n')
}
