/**
 * Scale probes in a fresh process (`node --expose-gc scale-child.ts <idle|origins> <client> <json args>`):
 * - idle: open N keep-alive sockets to one origin (N concurrent slow requests), let them go idle, and report
 *   RSS and heap growth per open socket, with the count the server sees.
 * - origins: one manager, one request to each of N origins (cold: connect + request), then again (warm),
 *   and the memory each origin's pool keeps.
 */
import http from 'node:http'
import { Agent, request } from 'undici'
import { loadPool, type PoolManager } from './clients/ours.ts'

type Get = (url: string) => Promise<void>

interface Client {
  get: Get
  close(): Promise<void>
  note?: string
}

async function makeClient(key: string, perOrigin: number, origins: number): Promise<Client> {
  if (key === 'undici-agent') {
    const agent = new Agent({ connections: perOrigin })
    return {
      get: async (url) => {
        const { body } = await request(url, { dispatcher: agent })
        await body.bytes()
      },
      close: () => agent.close(),
    }
  }
  if (key === 'node-http') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: perOrigin, maxFreeSockets: perOrigin })
    return { get: (url) => nodeGet(url, agent), close: async () => agent.destroy() }
  }
  const mod = await loadPool()
  if (typeof mod === 'string') throw new Error(mod)
  let note: string | undefined
  let manager: PoolManager
  try {
    manager = new mod.PoolManager({ maxSize: perOrigin, numPools: Math.max(origins, 10) })
  } catch (error) {
    note = `numPools rejected (${(error as Error).message.slice(0, 80)}); default numPools`
    manager = new mod.PoolManager({ maxSize: perOrigin })
  }
  return {
    get: async (url) => {
      const res = await manager.request('GET', url)
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
    },
    close: () => manager.close(),
    ...(note === undefined ? {} : { note }),
  }
}

function nodeGet(url: string, agent: http.Agent | false): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume()
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        )
      })
      .on('error', reject)
  })
}

function memory(): { rss: number; heap: number } {
  globalThis.gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss, heap: m.heapUsed + m.external + m.arrayBuffers }
}

async function serverConnections(origin: string): Promise<number> {
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get(`${origin}/__stats`, { agent: false }, (res) => {
        let text = ''
        res.on('data', (c: Buffer) => {
          text += c
        })
        res.on('end', () => resolve(text))
      })
      .on('error', reject)
  })
  return (JSON.parse(body) as { connections: number }).connections - 1
}

async function inBatches(urls: string[], concurrency: number, get: Get): Promise<number> {
  const start = performance.now()
  let next = 0
  const worker = async () => {
    while (next < urls.length) await get(urls[next++]!)
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return performance.now() - start
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const [mode = '', key = '', json = '{}'] = process.argv.slice(2)
const args = JSON.parse(json) as { origin?: string; count?: number; ports?: number[] }
const count = args.count ?? args.ports?.length ?? 0
const client = await makeClient(key, mode === 'idle' ? count : 1, count)
await client.get(`${args.origin ?? `http://127.0.0.1:${args.ports?.[0]}`}/json-1k`)
const before = memory()
let result: Record<string, unknown>
if (mode === 'idle') {
  const origin = args.origin ?? ''
  const start = performance.now()
  await Promise.all(Array.from({ length: count }, () => client.get(`${origin}/sleep/600`)))
  const openMs = performance.now() - start
  await sleep(200)
  const after = memory()
  const open = await serverConnections(origin)
  result = {
    open,
    openMs,
    rssPerConn: (after.rss - before.rss) / open,
    heapPerConn: (after.heap - before.heap) / open,
  }
} else {
  const urls = (args.ports ?? []).map((port) => `http://127.0.0.1:${port}/json-1k`)
  const coldMs = await inBatches(urls, 50, client.get)
  const after = memory()
  const warmMs = await inBatches(urls, 50, client.get)
  result = {
    origins: urls.length,
    coldPerOriginMs: coldMs / urls.length,
    warmRps: (urls.length * 1000) / warmMs,
    rssPerOrigin: (after.rss - before.rss) / urls.length,
    heapPerOrigin: (after.heap - before.heap) / urls.length,
  }
}
await client.close()
process.stdout.write(`${JSON.stringify({ ...result, note: client.note })}\n`)
process.exit(0)
