import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { fdsBackTo, newKey, openFds, type Stack, startStack } from '../src/index.ts'
import { type Layer, oauth2Layer, poolLayer, requestsLayer } from './layers.ts'

// The soak: N requests per layer through mild latency toxics (3 ms ± 2 ms each way) at concurrency 50, with 0
// errors, each idempotency key seen once, the live heap and the open sockets flat. Quick form in CI
// (FAULTS_SOAK=10000, the default); the full form is FAULTS_SOAK=100000 (figures in the README).
const TOTAL = Number(process.env.FAULTS_SOAK ?? 10_000)
const CONCURRENCY = 50

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
function liveHeap(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => {
  await stack?.stop()
})

test.each([poolLayer, requestsLayer, oauth2Layer] as Layer[])(
  `soak: ${TOTAL} requests at concurrency ${CONCURRENCY} through latency toxics ($name)`,
  async (layer) => {
    stack.origin.reset()
    await stack.toxiproxy.reset()
    await stack.toxic('cl', { type: 'latency', attributes: { latency: 3, jitter: 2 } }, 'downstream')
    await stack.toxic('cl', { type: 'latency', attributes: { latency: 3, jitter: 2 } }, 'upstream')
    const fds = openFds(stack.origin)
    const client = layer.open(stack, 'cl', { retries: false })
    const url = stack.url('cl', 1024)
    let sent = 0
    let errors = 0
    let warm = 0
    let peakFds = 0
    const started = performance.now()
    const worker = async () => {
      while (sent < TOTAL) {
        sent++
        const n = await client.get(url, newKey('soak')).catch(() => -1)
        if (n !== 1024) errors++
        if (sent % 1000 === 0) peakFds = Math.max(peakFds, openFds(stack.origin) - fds)
        if (sent === Math.floor(TOTAL / 10)) warm = liveHeap()
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const seconds = (performance.now() - started) / 1000
    const end = liveHeap()
    await client.close()
    const left = await fdsBackTo(fds, stack.origin)
    const growth = (end - warm) / 1024 / 1024
    console.log(
      `faults soak ${layer.name}: ${TOTAL} requests in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)}/s), ` +
        `${errors} errors, ${stack.origin.duplicates().length} duplicates, live heap ${(warm / 1048576).toFixed(1)} -> ` +
        `${(end / 1048576).toFixed(1)} MiB, peak client fds +${peakFds}, fds after close ${left - fds}`,
    )
    expect(errors).toBe(0)
    expect(stack.origin.requests).toBe(TOTAL)
    expect(stack.origin.duplicates()).toEqual([])
    expect(peakFds).toBeLessThanOrEqual(CONCURRENCY + 5) // one socket per request in flight at most
    expect(growth).toBeLessThan(16) // live heap flat between 10% and 100% of the run
    expect(left).toBeLessThanOrEqual(fds)
  },
  300_000,
)
