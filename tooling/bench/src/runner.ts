/**
 * The measuring loop: clients one after another in alternating rounds (A B C A B C ...), warm-up rounds not
 * counted, each figure the median of the counted rounds with its min-max spread. Every round is bounded by
 * time and by count, and a watchdog abandons a client that stops answering.
 */
import { subscribe } from 'node:diagnostics_channel'
import type { ClientFactory, ClientInstance, RequestSpec } from './clients/types.ts'
import { median, MiB, quantile, type RssSampler } from './stats.ts'

export interface Settings {
  warmupRounds: number
  rounds: number
  roundMs: number
}

/**
 * TCP connections opened by this process so far: Node publishes every client socket that `net.connect` creates
 * (undici, node:http, axios, got and the raw client all connect through it) on `net.client.socket`.
 */
let opened = 0
subscribe('net.client.socket', () => {
  opened++
})

export interface RoundResult {
  rps: number
  /** New TCP connections opened during the round (0 once a client keeps and reuses its connections). */
  conns: number
  /** Client CPU (user + system) per request: steadier than req/s when other processes share the cores. */
  cpuUs: number
  p50: number
  p99: number
  count: number
}

export interface ClientOutcome {
  key: string
  name: string
  ours: boolean
  rps: number
  rpsMin: number
  rpsMax: number
  p50: number
  p99: number
  cpuUs: number
  /** New connections per counted round (median), and in the worst one. */
  conns: number
  connsMax: number
  rssMiB: number
  rounds: number[]
  cpuRounds: number[]
  skipped?: string
}

export interface Workload {
  id: string
  title: string
  concurrency: number
  spec: RequestSpec
}

const MAX_PER_ROUND = 1 << 21
const latencies = new Float64Array(MAX_PER_ROUND)
const MAX_ERRORS = 20

export async function runRound(
  call: () => Promise<number>,
  concurrency: number,
  ms: number,
): Promise<RoundResult> {
  let count = 0
  let errors = 0
  let lastError: unknown
  const cpu = process.cpuUsage()
  const connsBefore = opened
  const start = performance.now()
  const deadline = start + ms
  const worker = async () => {
    while (performance.now() < deadline && count < MAX_PER_ROUND) {
      const t0 = performance.now()
      try {
        await call()
        latencies[count++] = performance.now() - t0
      } catch (error) {
        lastError = error
        if (++errors >= MAX_ERRORS) return
      }
    }
  }
  const workers: Array<Promise<void>> = []
  for (let i = 0; i < concurrency; i++) workers.push(worker())
  let timer: NodeJS.Timeout | undefined
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer ${ms + 10_000} ms into a ${ms} ms round`)),
      ms + 10_000,
    )
  })
  try {
    await Promise.race([Promise.all(workers), watchdog])
  } finally {
    clearTimeout(timer)
  }
  const elapsed = performance.now() - start
  const used = process.cpuUsage(cpu)
  const conns = opened - connsBefore
  if (errors > 0)
    throw new Error(`${errors} failed requests, last: ${(lastError as Error)?.message ?? lastError}`)
  const sorted = latencies.slice(0, count).sort()
  return {
    rps: (count * 1000) / elapsed,
    conns,
    cpuUs: (used.user + used.system) / count,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    count,
  }
}

/** A client stuck on a request may never finish closing; do not let it hold up the run. */
async function closeWithin(instance: ClientInstance, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
  })
  await Promise.race([instance.close().catch(() => {}), late])
  clearTimeout(timer)
}

interface Active {
  factory: ClientFactory
  instance: ClientInstance
  call: () => Promise<number>
  rounds: RoundResult[]
  rss: number
  failed?: string
}

async function setUp(factory: ClientFactory, origin: string, w: Workload): Promise<Active | string> {
  let instance: ClientInstance | undefined
  try {
    instance = await factory.create(origin, w.concurrency)
    const call = instance.prepare(w.spec)
    if (call === undefined) {
      await instance.close()
      return 'not applicable'
    }
    // Opens the connections and checks the answer before anything is timed.
    const lengths = await Promise.all(Array.from({ length: w.concurrency }, () => call()))
    const expected = w.spec.expectBytes
    const wrong = lengths.find((n) => n !== expected)
    if (expected !== undefined && factory.ceiling !== true && wrong !== undefined) {
      await instance.close()
      return `read ${wrong} bytes, expected ${expected}`
    }
    return { factory, instance, call, rounds: [], rss: 0 }
  } catch (error) {
    if (instance !== undefined) await closeWithin(instance, 5000)
    return `failed: ${(error as Error).message.split('\n')[0]}`
  }
}

function outcome(factory: ClientFactory, a: Active | undefined, reason?: string): ClientOutcome {
  const rounds = a?.rounds ?? []
  const rps = rounds.map((r) => r.rps)
  const base = { key: factory.key, name: factory.name, ours: factory.ours }
  if (rounds.length === 0 || a?.failed !== undefined) {
    const skipped = reason ?? a?.failed ?? 'no rounds'
    const zero = {
      rps: 0,
      rpsMin: 0,
      rpsMax: 0,
      p50: 0,
      p99: 0,
      cpuUs: 0,
      conns: 0,
      connsMax: 0,
      rssMiB: 0,
      rounds: [],
      cpuRounds: [],
    }
    return { ...base, ...zero, skipped }
  }
  return {
    ...base,
    rps: median(rps),
    rpsMin: Math.min(...rps),
    rpsMax: Math.max(...rps),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuUs: median(rounds.map((r) => r.cpuUs)),
    conns: median(rounds.map((r) => r.conns)),
    connsMax: Math.max(...rounds.map((r) => r.conns)),
    rssMiB: (a?.rss ?? 0) / MiB,
    rounds: rps,
    cpuRounds: rounds.map((r) => r.cpuUs),
  }
}

export async function runWorkload(
  w: Workload,
  factories: readonly ClientFactory[],
  origin: string,
  settings: Settings,
  sampler: RssSampler,
): Promise<ClientOutcome[]> {
  const actives = new Map<ClientFactory, Active | string>()
  for (const factory of factories) actives.set(factory, await setUp(factory, origin, w))
  const total = settings.warmupRounds + settings.rounds
  for (let round = 0; round < total; round++) {
    for (const a of actives.values()) {
      if (typeof a === 'string' || a.failed !== undefined) continue
      sampler.reset()
      try {
        const result = await runRound(a.call, w.concurrency, settings.roundMs)
        if (round >= settings.warmupRounds) a.rounds.push(result)
        a.rss = Math.max(a.rss, sampler.peak)
      } catch (error) {
        a.failed = `failed: ${(error as Error).message}`
      }
    }
  }
  const outcomes: ClientOutcome[] = []
  for (const [factory, a] of actives) {
    if (typeof a === 'string') outcomes.push(outcome(factory, undefined, a))
    else {
      await closeWithin(a.instance, 5000)
      outcomes.push(outcome(factory, a))
    }
  }
  return outcomes
}
