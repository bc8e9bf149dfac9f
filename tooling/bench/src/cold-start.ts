/**
 * Cold start: the wall and CPU time of `await import(name)` in a fresh Node process and the process RSS right after it,
 * for our packages and their peers. Modules alternate within each round (A B C A B C ...), the first one of a
 * round rotating, so that drift on a shared machine hits all alike; a ratio to undici is the median of the
 * per-round ratios (neighbours in time). The import target is judged on CPU time: on a shared machine the wall
 * time mostly measures waiting for a core (undici's own runs spread 121–314 ms in one quick run).
 */
import { execFile } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { median, MiB, pairedRatio } from './stats.ts'

const run = promisify(execFile)
const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)))

/** What is imported, by name as an app would: ours from their built dist. */
export const COLD_START_MODULES = [
  'undici',
  'axios',
  'got',
  'ky',
  'openid-client',
  'oauth4webapi',
  '@x/pool',
  '@x/requests',
  '@x/oauth2',
] as const

export const COLD_START_BASELINE = 'undici'

export interface ColdStartOutcome {
  module: string
  /** Median import time (ms) and RSS after import (MiB). */
  ms: number
  msMin: number
  msMax: number
  rssMiB: number
  /** Median of per-round ratios to undici (wall time). */
  ratio: number
  /** Median CPU time (user + system, ms) of the import, and the median of its per-round ratios to undici. */
  cpuMs: number
  cpuRatio: number
  rssDeltaMiB: number
  skipped?: string
}

export interface ColdStartResult {
  rounds: number
  /** `node -e ''` in the same rounds: what a bare process costs (RSS floor, start-up). */
  bareRssMiB: number
  results: ColdStartOutcome[]
}

interface Sample {
  ms: number
  cpu: number
  rss: number
}

const SCRIPT = (name: string) =>
  `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(name)});` +
  ' const ms = performance.now() - t; const u = process.cpuUsage(c); const cpu = (u.user + u.system) / 1000;' +
  ' console.log(JSON.stringify({ ms, cpu, rss: process.memoryUsage().rss }))'

async function once(name: string | undefined): Promise<Sample> {
  const script =
    name === undefined
      ? 'console.log(JSON.stringify({ ms: 0, cpu: 0, rss: process.memoryUsage().rss }))'
      : SCRIPT(name)
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: BENCH_DIR,
    timeout: 60_000,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Sample
}

export async function runColdStart(rounds: number): Promise<ColdStartResult> {
  const names: Array<string | undefined> = [undefined, ...COLD_START_MODULES]
  const samples = new Map<string | undefined, Sample[]>(names.map((n) => [n, []]))
  const failed = new Map<string, string>()
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]
      if (name !== undefined && failed.has(name)) continue
      try {
        samples.get(name)?.push(await once(name))
      } catch (error) {
        if (name !== undefined) failed.set(name, (error as Error).message.split('\n')[0] ?? 'failed')
      }
    }
  }
  const base = samples.get(COLD_START_BASELINE) ?? []
  const baseRss = median(base.map((s) => s.rss))
  const results = COLD_START_MODULES.map((module): ColdStartOutcome => {
    const own = samples.get(module) ?? []
    const reason = failed.get(module)
    if (reason !== undefined || own.length === 0) {
      return {
        module,
        ms: 0,
        msMin: 0,
        msMax: 0,
        rssMiB: 0,
        ratio: 0,
        cpuMs: 0,
        cpuRatio: 0,
        rssDeltaMiB: 0,
        skipped: reason ?? 'no run',
      }
    }
    const ms = own.map((s) => s.ms)
    const rss = median(own.map((s) => s.rss))
    return {
      module,
      ms: median(ms),
      msMin: Math.min(...ms),
      msMax: Math.max(...ms),
      rssMiB: rss / MiB,
      ratio: pairedRatio(
        ms,
        base.map((s) => s.ms),
      ),
      cpuMs: median(own.map((s) => s.cpu)),
      cpuRatio: pairedRatio(
        own.map((s) => s.cpu),
        base.map((s) => s.cpu),
      ),
      rssDeltaMiB: (rss - baseRss) / MiB,
    }
  })
  return { rounds, bareRssMiB: median((samples.get(undefined) ?? []).map((s) => s.rss)) / MiB, results }
}
