/**
 * `node src/profile.ts <client> <workload> [seconds]`: runs one client on one workload in a child process
 * under `node --cpu-prof`, then prints where the CPU time went, by function and by file (self time).
 * The .cpuprofile is kept (path printed) for Chrome DevTools or speedscope.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clientByKey } from './clients/index.ts'
import { table } from './report.ts'
import { runRound } from './runner.ts'
import { startServer } from './server-process.ts'
import { WORKLOADS } from './workloads.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '')
  const nm = path.lastIndexOf('node_modules/')
  if (nm >= 0) return path.slice(nm + 13)
  const pk = path.search(/\/(packages|tooling)\//)
  return pk >= 0 ? path.slice(pk + 1) : path === '' ? '(native/runtime)' : path
}

/** Which layer a frame belongs to: ours, undici, Node's JS, the bench itself, or native (syscalls, GC, idle). */
function packageOf(url: string, fn: string): string {
  const ours = /\/packages\/(\w+)\//.exec(url)
  if (ours !== null) return `@x/${ours[1]}`
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) return url.slice(nm + 13).split('/')[0] ?? url
  if (url.includes('/tooling/bench/')) return 'bench harness'
  if (url.startsWith('node:')) return 'node internals (JS)'
  if (fn === '(idle)') return '(idle: waiting for the server)'
  if (fn === '(garbage collector)') return '(garbage collector)'
  return url === '' ? 'native (syscalls, parser, runtime)' : url
}

export function summarize(profile: Profile, top = 25): string {
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const byFn = new Map<string, number>()
  const byFile = new Map<string, number>()
  const byPackage = new Map<string, number>()
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0
    if (t === 0) continue
    const f = node.callFrame
    const file = shorten(f.url)
    const fn = `${f.functionName || '(anonymous)'} ${file}${f.url === '' ? '' : `:${f.lineNumber + 1}`}`
    byFn.set(fn, (byFn.get(fn) ?? 0) + t)
    byFile.set(file, (byFile.get(file) ?? 0) + t)
    const pkg = packageOf(f.url, f.functionName)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t)
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => [`${((100 * t) / total).toFixed(1)}%`, `${(t / 1000).toFixed(0)} ms`, k])
  return [
    'Self time by package',
    table(['share', 'self', 'package'], rows(byPackage)),
    '',
    `Self time by function (top ${top})`,
    table(['share', 'self', 'function file:line'], rows(byFn)),
    '',
    'Self time by file',
    table(['share', 'self', 'file'], rows(byFile)),
  ].join('\n')
}

async function child(key: string, workloadId: string, seconds: number, origin: string): Promise<void> {
  const w = WORKLOADS.find((x) => x.id === workloadId)
  if (w === undefined)
    throw new Error(`unknown workload ${workloadId}: ${WORKLOADS.map((x) => x.id).join(', ')}`)
  const client = await (await clientByKey(key)).create(origin, w.concurrency)
  const call = client.prepare(w.spec)
  if (call === undefined) throw new Error(`${key} does not run ${workloadId}`)
  await runRound(call, w.concurrency, 500)
  const cpu = process.cpuUsage()
  const r = await runRound(call, w.concurrency, seconds * 1000)
  const used = process.cpuUsage(cpu)
  const perRequest = (used.user + used.system) / r.count
  process.stdout.write(
    `${key} ${workloadId}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(2)} ms, ` +
      `client CPU ${perRequest.toFixed(1)} µs/request (user ${(used.user / r.count).toFixed(1)}, system ${(used.system / r.count).toFixed(1)})\n`,
  )
  await client.close()
}

async function parent(key: string, workloadId: string, seconds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'x-bench-prof-'))
  const server = await startServer()
  try {
    const script = new URL(import.meta.url).pathname
    const args = [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      script,
      '--child',
      key,
      workloadId,
      String(seconds),
      server.origin,
    ]
    const proc = spawn(process.execPath, args, { stdio: 'inherit' })
    const [code] = await once(proc, 'exit')
    if (code !== 0) throw new Error(`profiled child exited with ${code}`)
  } finally {
    await server.close()
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`)
  const path = join(dir, file)
  process.stdout.write(
    `${summarize(JSON.parse(readFileSync(path, 'utf8')) as Profile)}\n\nprofile: ${path}\n`,
  )
}

const argv = process.argv.slice(2)
if (argv[0] === '--child') {
  await child(argv[1] ?? '', argv[2] ?? '', Number(argv[3] ?? 5), argv[4] ?? '')
  process.exit(0)
} else if (argv.length < 2) {
  process.stdout.write('usage: node src/profile.ts <client> <workload> [seconds]\n')
} else {
  await parent(argv[0] ?? '', argv[1] ?? '', Number(argv[2] ?? 5))
}
