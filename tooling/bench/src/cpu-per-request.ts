/**
 * `node src/cpu-per-request.ts <client,...> [workload] [requests] [concurrency] [rounds] [warmup]`: client-side CPU microseconds
 * per request (process.cpuUsage of this process; the server runs in its own process), for each client in turn,
 * several interleaved rounds, medians. CPU time is far steadier than req/s on a loaded machine.
 */
import { clientByKey } from './clients/index.ts'
import { startServer } from './server-process.ts'
import { WORKLOADS } from './workloads.ts'

const [
  keys = 'undici-request,x-requests-get',
  workloadId = 'json-1k-c10',
  n = '2000',
  c = '10',
  r = '5',
  warmup = '200',
] = process.argv.slice(2)
const workload = WORKLOADS.find((w) => w.id === workloadId)
if (workload === undefined)
  throw new Error(`no workload ${workloadId}: ${WORKLOADS.map((w) => w.id).join(', ')}`)
const server = await startServer()
const total = Number(n)
const concurrency = Number(c)
const clients = []
for (const key of keys.split(',')) {
  const factory = await clientByKey(key)
  const instance = await factory.create(server.origin, concurrency)
  const call = instance.prepare(workload.spec)
  if (call === undefined) throw new Error(`${key} does not support ${workloadId}`)
  for (let i = 0; i < Number(warmup); i++) await call()
  clients.push({ key, instance, call, samples: [] as number[] })
}
for (let round = 0; round < Number(r); round++) {
  for (const client of clients) {
    let next = 0
    const before = process.cpuUsage()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < total) await client.call()
      }),
    )
    const used = process.cpuUsage(before)
    client.samples.push((used.user + used.system) / total)
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const base = median(clients[0]!.samples)
for (const client of clients) {
  const m = median(client.samples)
  console.log(
    `${client.key.padEnd(22)} ${m.toFixed(1).padStart(7)} µs/req  ${(base / m).toFixed(2)}x of ${clients[0]!.key}  [${client.samples.map((s) => s.toFixed(0)).join(' ')}]`,
  )
  await client.instance.close()
}
await server.close()
