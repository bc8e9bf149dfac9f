/** Streamed download: each client in a fresh child process per round, alternating clients between rounds. */
import { runChild } from './child.ts'
import type { ClientFactory } from './clients/types.ts'
import { median, MiB } from './stats.ts'

export interface StreamOutcome {
  key: string
  name: string
  ours: boolean
  bytes: number
  mibPerSec: number
  mibPerSecMin: number
  mibPerSecMax: number
  growthMiB: number
  peakMiB: number
  skipped?: string
}

interface ChildResult {
  bytes: number
  seconds: number
  baseline: number
  peak: number
}

const CHILD = new URL('./stream-child.ts', import.meta.url)

export async function runStream(
  factories: readonly ClientFactory[],
  origin: string,
  bytes: number,
  rounds: number,
): Promise<StreamOutcome[]> {
  const results = new Map<ClientFactory, ChildResult[] | string>(factories.map((f) => [f, []]))
  for (let round = 0; round < rounds; round++) {
    for (const factory of factories) {
      const sofar = results.get(factory)
      if (typeof sofar === 'string' || sofar === undefined) continue
      try {
        // A slow client still has to finish: allow 20 MiB/s plus start-up.
        const timeout = 30_000 + (bytes / (20 * MiB)) * 1000
        sofar.push(await runChild<ChildResult>(CHILD, [factory.key, origin, String(bytes)], timeout))
      } catch (error) {
        results.set(factory, `failed: ${(error as Error).message}`)
      }
    }
  }
  return factories.map((factory) => {
    const r = results.get(factory)
    const base = { key: factory.key, name: factory.name, ours: factory.ours, bytes }
    if (typeof r === 'string' || r === undefined || r.length === 0) {
      const skipped = typeof r === 'string' ? r : 'no rounds'
      return { ...base, mibPerSec: 0, mibPerSecMin: 0, mibPerSecMax: 0, growthMiB: 0, peakMiB: 0, skipped }
    }
    const speeds = r.map((x) => x.bytes / MiB / x.seconds)
    return {
      ...base,
      mibPerSec: median(speeds),
      mibPerSecMin: Math.min(...speeds),
      mibPerSecMax: Math.max(...speeds),
      // The worst round counts for memory: a target on growth must hold every time.
      growthMiB: Math.max(...r.map((x) => (x.peak - x.baseline) / MiB)),
      peakMiB: Math.max(...r.map((x) => x.peak / MiB)),
    }
  })
}
