/**
 * `pnpm bench` (BENCH_MODE=full, the default) or `BENCH_MODE=quick pnpm bench` (CI, under a minute).
 * Add BENCH_SAVE=1 or --save to keep results under results/. Reports; never fails on a missed target.
 * Filters for investigation: BENCH_CLIENTS=undici-request,x-pool and BENCH_WORKLOADS=json-1k-c50,stream,scale.
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { renderChart } from './chart.ts'
import { allClients, BASELINE_KEY } from './clients/index.ts'
import type { ClientFactory } from './clients/types.ts'
import {
  type BenchResult,
  bundleTable,
  coldStartTable,
  renderMarkdown,
  scaleTables,
  streamTable,
  targetsTable,
  type WorkloadResult,
  workloadTable,
} from './report.ts'
import { runWorkload } from './runner.ts'
import { runBundleSizes } from './bundle-size.ts'
import { runColdStart } from './cold-start.ts'
import { saveResults } from './save.ts'
import { redisStoreTable, runRedisStore } from './redis-store.ts'
import { runScale } from './scale.ts'
import { startServer } from './server-process.ts'
import { pairedRatio, RssSampler } from './stats.ts'
import { runStream } from './stream.ts'
import { evaluateTargets } from './targets.ts'
import { MODES, WORKLOADS } from './workloads.ts'

const began = performance.now()
const argv = process.argv.slice(2)
const modeName = argv.includes('--quick')
  ? 'quick'
  : argv.includes('--full')
    ? 'full'
    : (process.env.BENCH_MODE ?? 'full')
if (modeName !== 'quick' && modeName !== 'full')
  throw new Error(`BENCH_MODE must be quick or full, not ${modeName}`)
const mode = MODES[modeName]
const save = argv.includes('--save') || (process.env.BENCH_SAVE ?? '') === '1'
const list = (v: string | undefined) => (v === undefined || v === '' ? undefined : v.split(','))
const onlyClients = list(process.env.BENCH_CLIENTS)
const onlyWorkloads = list(process.env.BENCH_WORKLOADS)
const wanted = (id: string) => onlyWorkloads === undefined || onlyWorkloads.includes(id)

/** The open-file limit (Node raises the soft limit to the hard one at start-up); sockets count against it. */
function fdLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'))
    const soft = Number(line?.split(/\s{2,}/)[1])
    return Number.isFinite(soft) ? soft : Number.POSITIVE_INFINITY
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('model name'))
  return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
}

let lap = performance.now()
function took(): string {
  const now = performance.now()
  const text = `(${((now - lap) / 1000).toFixed(1)} s)`
  lap = now
  return text
}
const log = (text: string) => process.stdout.write(`${text}\n`)
const nproc = os.availableParallelism()
const serverProcesses = Number(process.env.BENCH_SERVERS ?? (nproc >= 4 ? 2 : 1))
const fdBudget = fdLimit()
const loaded = await allClients()
const factories: ClientFactory[] = loaded.factories.filter(
  (f) => onlyClients === undefined || onlyClients.includes(f.key),
)
const result: BenchResult = {
  meta: {
    date: new Date().toISOString(),
    mode: mode.name,
    node: process.version,
    nproc,
    cpu: cpuModel(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    serverProcesses,
    fdLimit: fdBudget,
    ...mode.settings,
  },
  skipped: loaded.skipped,
  warnings: loaded.warnings,
  workloads: [],
  targets: [],
}

log(
  `# @x/bench, ${mode.name} mode: ${factories.length} clients, Node ${process.version}, ${nproc} cores, ${result.meta.cpu}`,
)
for (const s of loaded.skipped) log(`skipped ${s.name}: ${s.reason}`)
for (const w of loaded.warnings) log(`warning: ${w}`)

const server = await startServer({ processes: serverProcesses })
let redisSection = ''
took()
const sampler = new RssSampler()
sampler.start()
try {
  for (const w of WORKLOADS) {
    if (!wanted(w.id)) continue
    // Every client of a workload keeps its connections open until the workload ends (and the server holds the
    // other ends), so c x clients sockets must fit under the open-file limit.
    if (w.concurrency * factories.length + 300 > fdBudget) {
      const note = `${w.id} skipped: ${w.concurrency} x ${factories.length} sockets do not fit the open-file limit ${fdBudget}`
      result.warnings.push(note)
      log(note)
      continue
    }
    // Our clients built with defaults run on the 1 KiB JSON workloads (their targets); in full mode on all.
    const clients =
      mode.name === 'full' || w.id.startsWith('json-1k')
        ? factories
        : factories.filter((f) => f.defaults !== true)
    const outcomes = await runWorkload(w, clients, server.origin, mode.settings, sampler)
    const base = outcomes.find((o) => o.key === BASELINE_KEY && o.skipped === undefined)?.rounds ?? []
    const workload: WorkloadResult = {
      id: w.id,
      title: w.title,
      concurrency: w.concurrency,
      results: outcomes.map((o) => ({ ...o, ratio: pairedRatio(o.rounds, base) })),
    }
    result.workloads.push(workload)
    log(`\n${workloadTable(workload)}${took()}`)
  }
  if (wanted('stream')) {
    const sized = factories.filter((f) => f.defaults !== true)
    const outcomes = await runStream(sized, server.origin, mode.streamBytes, mode.streamRounds)
    const base =
      outcomes.find((o) => o.key === BASELINE_KEY && o.skipped === undefined)?.mibPerSec ?? Number.NaN
    result.stream = {
      bytes: mode.streamBytes,
      rounds: mode.streamRounds,
      results: outcomes.map((o) => ({ ...o, ratio: o.mibPerSec / base })),
    }
    log(`\n${streamTable(result.stream)}${took()}`)
  }
  if (wanted('scale')) {
    const sockets = Math.min(mode.sockets, fdBudget - 300)
    const origins = Math.min(mode.origins, Math.floor((fdBudget - 300) / 2))
    if (sockets < mode.sockets || origins < mode.origins) {
      result.warnings.push(
        `scale probes reduced to ${sockets} sockets and ${origins} origins by the open-file limit ${fdBudget}`,
      )
    }
    result.scale = await runScale(sockets, origins)
    log(`\n${scaleTables(result.scale)}${took()}`)
  }
  if (wanted('cold-start')) {
    result.coldStart = await runColdStart(mode.coldStartRounds)
    log(`\n${coldStartTable(result.coldStart)}${took()}`)
  }
  if (wanted('bundle')) {
    result.bundles = await runBundleSizes()
    log(`\n${bundleTable(result.bundles)}${took()}`)
  }
  if (wanted('redis-store')) {
    const redisStore = await runRedisStore(server.origin, mode.name, sampler)
    Object.assign(result, { redisStore })
    redisSection = redisStoreTable(redisStore)
    log(`\n${redisSection}${took()}`)
  }
} finally {
  sampler.stop()
  await server.close()
}

result.targets = evaluateTargets(result)
result.meta.durationSec = (performance.now() - began) / 1000
log(`\n${targetsTable(result.targets)}`)
const svg = renderChart(
  result.workloads,
  `${mode.name} mode, ${result.meta.date.slice(0, 16)}Z, ${nproc} cores, Node ${process.version}`,
)
const saved = await saveResults(result, `${renderMarkdown(result)}\n${redisSection}`, svg, save)
log(
  `Results (JSON, Markdown, SVG chart) in ${saved.dir}: ${saved.files.map((f) => f.split('/').at(-1)).join(', ')}`,
)
log(`Finished in ${result.meta.durationSec.toFixed(1)} s.`)
process.exit(0)
