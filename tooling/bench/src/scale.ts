/** Scale probes: memory per idle keep-alive socket, and the cost of many origins in one manager. */
import { runChild } from './child.ts'
import { startServer } from './server-process.ts'

export interface IdleOutcome {
  client: string
  open: number
  openMs: number
  rssPerConnKiB: number
  heapPerConnKiB: number
  note?: string
  skipped?: string
}

export interface OriginsOutcome {
  client: string
  origins: number
  coldPerOriginMs: number
  warmRps: number
  rssPerOriginKiB: number
  heapPerOriginKiB: number
  note?: string
  skipped?: string
}

export interface ScaleOutcome {
  sockets: number
  idle: IdleOutcome[]
  origins: OriginsOutcome[]
  originsNote: string
}

const CHILD = new URL('./scale-child.ts', import.meta.url)
const NAMES: Record<string, string> = {
  'x-pool': '@x/pool PoolManager',
  'undici-agent': 'undici Agent',
  'node-http': 'node:http Agent',
}

interface IdleRaw {
  open: number
  openMs: number
  rssPerConn: number
  heapPerConn: number
  note?: string
}
interface OriginsRaw {
  origins: number
  coldPerOriginMs: number
  warmRps: number
  rssPerOrigin: number
  heapPerOrigin: number
  note?: string
}

function note(n: string | undefined): { note?: string } {
  return n === undefined ? {} : { note: n }
}

export async function runScale(sockets: number, originCount: number): Promise<ScaleOutcome> {
  const idle: IdleOutcome[] = []
  for (const key of ['undici-agent', 'x-pool', 'node-http']) {
    // A fresh server per client: the open-socket count it reports is this client's alone.
    const server = await startServer()
    const origin = server.origin
    const client = NAMES[key] ?? key
    try {
      const r = await runChild<IdleRaw>(
        CHILD,
        ['idle', key, JSON.stringify({ origin, count: sockets })],
        60_000,
      )
      idle.push({
        client,
        open: r.open,
        openMs: r.openMs,
        rssPerConnKiB: r.rssPerConn / 1024,
        heapPerConnKiB: r.heapPerConn / 1024,
        ...note(r.note),
      })
    } catch (error) {
      idle.push({
        client,
        open: 0,
        openMs: 0,
        rssPerConnKiB: 0,
        heapPerConnKiB: 0,
        skipped: (error as Error).message,
      })
    }
  }
  // A second server process holds the listening sockets, so its file descriptors do not crowd the main server.
  const many = await startServer({ ports: originCount })
  const origins: OriginsOutcome[] = []
  try {
    for (const key of ['undici-agent', 'x-pool']) {
      const client = NAMES[key] ?? key
      try {
        const r = await runChild<OriginsRaw>(
          CHILD,
          ['origins', key, JSON.stringify({ ports: many.ports })],
          60_000,
        )
        origins.push({
          client,
          origins: r.origins,
          coldPerOriginMs: r.coldPerOriginMs,
          warmRps: r.warmRps,
          rssPerOriginKiB: r.rssPerOrigin / 1024,
          heapPerOriginKiB: r.heapPerOrigin / 1024,
          ...note(r.note),
        })
      } catch (error) {
        const skipped = (error as Error).message
        origins.push({
          client,
          origins: 0,
          coldPerOriginMs: 0,
          warmRps: 0,
          rssPerOriginKiB: 0,
          heapPerOriginKiB: 0,
          skipped,
        })
      }
    }
  } finally {
    await many.close()
  }
  const originsNote = `${many.ports.length} origins = ${many.ports.length} listening ports on 127.0.0.1 in one server process`
  return { sockets, idle, origins, originsNote }
}
