/** The result document and its Markdown rendering (printed to the console and saved as .md). */
import type { SkippedClient } from './clients/types.ts'
import type { ClientOutcome } from './runner.ts'
import type { BundleOutcome } from './bundle-size.ts'
import type { ColdStartResult } from './cold-start.ts'
import type { ScaleOutcome } from './scale.ts'
import type { StreamOutcome } from './stream.ts'
import type { TargetResult } from './targets.ts'

export interface Meta {
  date: string
  mode: string
  node: string
  nproc: number
  cpu: string
  os: string
  serverProcesses: number
  fdLimit: number
  warmupRounds: number
  rounds: number
  roundMs: number
  durationSec?: number
}

export interface WorkloadResult {
  id: string
  title: string
  concurrency: number
  results: Array<ClientOutcome & { ratio: number }>
}

export interface BenchResult {
  meta: Meta
  skipped: SkippedClient[]
  warnings: string[]
  workloads: WorkloadResult[]
  stream?: { bytes: number; rounds: number; results: Array<StreamOutcome & { ratio: number }> }
  scale?: ScaleOutcome
  coldStart?: ColdStartResult
  bundles?: BundleOutcome[]
  targets: TargetResult[]
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-')
const fix = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-')
const ratio = (n: number) => (Number.isFinite(n) && n > 0 ? `${n.toFixed(2)}x` : '-')

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

export function workloadTable(w: WorkloadResult): string {
  const rows = w.results.map((r) =>
    r.skipped !== undefined
      ? [r.name, '-', '-', '-', '-', '-', '-', '-', `skipped: ${r.skipped}`]
      : [
          r.name,
          int(r.rps),
          `${int(r.rpsMin)}–${int(r.rpsMax)}`,
          fix(r.p50),
          fix(r.p99),
          fix(r.cpuUs, 1),
          r.conns === r.connsMax ? int(r.conns) : `${int(r.conns)} (max ${int(r.connsMax)})`,
          fix(r.rssMiB, 0),
          ratio(r.ratio),
        ],
  )
  const header = [
    'Client',
    'req/s',
    'min–max',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'new conns/round',
    'peak RSS MiB',
    'vs undici request()',
  ]
  return `### ${w.title}\n\n${table(header, rows)}\n`
}

export function streamTable(s: NonNullable<BenchResult['stream']>): string {
  const rows = s.results.map((r) =>
    r.skipped !== undefined
      ? [r.name, '-', '-', '-', '-', `skipped: ${r.skipped}`]
      : [
          r.name,
          int(r.mibPerSec),
          `${int(r.mibPerSecMin)}–${int(r.mibPerSecMax)}`,
          fix(r.growthMiB, 1),
          fix(r.peakMiB, 0),
          ratio(r.ratio),
        ],
  )
  const header = ['Client', 'MiB/s', 'min–max', 'RSS growth MiB', 'peak RSS MiB', 'vs undici request()']
  const size = s.bytes >= 1024 ** 3 ? `${s.bytes / 1024 ** 3} GiB` : `${s.bytes / 1024 ** 2} MiB`
  const title = `### Streamed download of ${size} (fresh process per client and round, ${s.rounds} round(s))`
  return `${title}\n\n${table(header, rows)}\n`
}

export function scaleTables(s: ScaleOutcome): string {
  const idle = s.idle.map((r) =>
    r.skipped !== undefined
      ? [r.client, '-', '-', '-', '-', `skipped: ${r.skipped}`]
      : [
          r.client,
          String(r.open),
          fix(r.openMs, 0),
          fix(r.rssPerConnKiB, 1),
          fix(r.heapPerConnKiB, 1),
          r.note ?? '',
        ],
  )
  const origins = s.origins.map((r) =>
    r.skipped !== undefined
      ? [r.client, '-', '-', '-', '-', '-', `skipped: ${r.skipped}`]
      : [
          r.client,
          String(r.origins),
          fix(r.coldPerOriginMs, 3),
          int(r.warmRps),
          fix(r.rssPerOriginKiB, 1),
          fix(r.heapPerOriginKiB, 1),
          r.note ?? '',
        ],
  )
  return [
    `### ${s.sockets} idle keep-alive sockets to one origin`,
    '',
    table(['Client', 'open sockets', 'open ms', 'RSS KiB/socket', 'heap KiB/socket', 'note'], idle),
    '',
    `### Many origins in one manager (${s.originsNote})`,
    '',
    table(
      ['Client', 'origins', 'cold ms/origin', 'warm req/s', 'RSS KiB/origin', 'heap KiB/origin', 'note'],
      origins,
    ),
    '',
  ].join('\n')
}

export function coldStartTable(c: ColdStartResult): string {
  const rows = c.results.map((r) =>
    r.skipped !== undefined
      ? [r.module, '-', '-', '-', '-', '-', '-', '-', `skipped: ${r.skipped}`]
      : [
          r.module,
          fix(r.cpuMs, 1),
          ratio(r.cpuRatio),
          fix(r.ms, 1),
          `${fix(r.msMin, 1)}–${fix(r.msMax, 1)}`,
          ratio(r.ratio),
          fix(r.rssMiB, 1),
          `${r.rssDeltaMiB >= 0 ? '+' : ''}${fix(r.rssDeltaMiB, 1)}`,
          '',
        ],
  )
  const header = [
    'Module',
    'CPU ms',
    'CPU vs undici',
    'wall ms',
    'wall min–max',
    'wall vs undici',
    'RSS MiB',
    'RSS vs undici MiB',
    'note',
  ]
  const title = `### Cold start: \`await import()\` in a fresh process (${c.rounds} interleaved rounds; bare Node RSS ${fix(c.bareRssMiB, 1)} MiB)`
  return `${title}\n\n${table(header, rows)}\n`
}

export function bundleTable(b: readonly BundleOutcome[]): string {
  const rows = b.map((r) =>
    r.skipped !== undefined
      ? [r.label, '-', '-', `skipped: ${r.skipped}`]
      : [r.label, fix(r.minKiB, 1), fix(r.gzipKiB, 1), ''],
  )
  const title = '### Bundle size (esbuild, bundled with dependencies, minified, ESM for Node; gzip -9)'
  return `${title}\n\n${table(['Import', 'min KiB', 'min+gzip KiB', 'note'], rows)}\n`
}

export function targetsTable(targets: readonly TargetResult[]): string {
  const rows = targets.map((t) => [t.status, t.target, t.detail])
  return `### Targets\n\n${table(['', 'Target', 'Figures'], rows)}\n`
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.meta
  const parts = [
    `## Benchmark run ${m.date} (${m.mode} mode)`,
    '',
    `Machine: ${m.nproc} cores, ${m.cpu}, ${m.os}, Node ${m.node}. Server: ${m.serverProcesses} process(es).`,
    `Rounds: ${m.warmupRounds} warm-up + ${m.rounds} counted x ${m.roundMs} ms per client, alternating clients.` +
      (m.durationSec === undefined ? '' : ` Whole run: ${m.durationSec.toFixed(1)} s.`),
    '',
  ]
  for (const s of r.skipped) parts.push(`- skipped ${s.name}: ${s.reason}`)
  for (const w of r.warnings) parts.push(`- warning: ${w}`)
  if (r.skipped.length + r.warnings.length > 0) parts.push('')
  parts.push(targetsTable(r.targets))
  for (const w of r.workloads) parts.push(workloadTable(w))
  if (r.stream !== undefined) parts.push(streamTable(r.stream))
  if (r.scale !== undefined) parts.push(scaleTables(r.scale))
  if (r.coldStart !== undefined) parts.push(coldStartTable(r.coldStart))
  if (r.bundles !== undefined) parts.push(bundleTable(r.bundles))
  return parts.join('\n')
}
