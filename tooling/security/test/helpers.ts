// Shared fixtures of the adversarial suite: recording servers on loopback, raw servers cleaned up after each
// test, the "typed error" predicate every case asserts, and handle counting.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { OAuthError } from '@x/oauth2'
import { PoolError } from '@x/pool'
import { RequestException } from '@x/requests'
import { type RawRequest, startRawServer } from '@x/testserver'

export type RawServer = Awaited<ReturnType<typeof startRawServer>>

/** One request a recorder saw. Header names are lower-case; `raw` is every raw header line joined. */
export interface Seen {
  method: string
  path: string
  host: string
  headers: IncomingMessage['headers']
  raw: string
  body: string
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => unknown

export interface Recorder {
  url: string
  port: number
  seen: Seen[]
  connections: number
  server: Server
  /** Requests whose raw headers or body mention `needle`. */
  leaks(needle: string): Seen[]
  close(): Promise<void>
}

/**
 * A node:http server on 127.0.0.1 that records every request. Built-in paths:
 * `/redirect/<status>?to=<url>` answers a redirect, `/set-cookie?to=<url>` sets a host-only cookie
 * `sid=cookie-secret` and redirects (303), anything else answers 200 `ok`. `routes` override by path.
 */
export async function startRecorder(routes: Record<string, Route> = {}): Promise<Recorder> {
  const seen: Seen[] = []
  const sockets = new Set<Socket>()
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('latin1')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const raw: string[] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      raw.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      host: req.headers.host ?? '',
      headers: req.headers,
      raw: raw.join('\n'),
      body,
    })
    const route = routes[url.pathname]
    if (route) return route(req, res, body)
    const redirect = /^\/redirect\/(\d{3})$/.exec(url.pathname)
    if (redirect) {
      res.writeHead(Number(redirect[1]), { location: url.searchParams.get('to') ?? '/', 'content-length': 0 })
      return res.end()
    }
    if (url.pathname === '/set-cookie') {
      res.writeHead(303, {
        'set-cookie': 'sid=cookie-secret; Path=/',
        location: url.searchParams.get('to') ?? '/',
        'content-length': 0,
      })
      return res.end()
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 })
    res.end('ok')
  })
  server.on('connection', (socket: Socket) => {
    recorder.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const recorder: Recorder = {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    connections: 0,
    server,
    leaks: (needle) => seen.filter((s) => s.raw.includes(needle) || s.body.includes(needle)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
  return recorder
}

/** Raw servers (and anything else with `close`) registered here are closed by `closeAll` (afterEach). */
const open: Array<{ close(): Promise<void> }> = []

export function track<T extends { close(): Promise<void> }>(server: T): T {
  open.push(server)
  return server
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()))
}

export async function raw(onRequest: (socket: Socket, request: RawRequest) => void): Promise<RawServer> {
  return track(await startRawServer(onRequest))
}

export async function recorder(routes?: Record<string, Route>): Promise<Recorder> {
  return track(await startRecorder(routes))
}

/** The library's own error types: a PoolError, RequestException, OAuthError or a TypeError with a code. */
export function isTyped(error: unknown): boolean {
  if (error instanceof PoolError || error instanceof RequestException || error instanceof OAuthError)
    return true
  return error instanceof TypeError && typeof (error as { code?: unknown }).code === 'string'
}

/** Describes an error for assertion messages (name, code, message). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error ${String(error)}`
  return `${error.name} [${String((error as { code?: unknown }).code)}]: ${error.message}`
}

/** The rejection of `promise`, or throws when it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection, but the promise resolved')
}

/** Polls `predicate` every 10 ms for up to `ms`; returns whether it became true. */
export async function until(predicate: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > end) return false
    await sleep(10)
  }
  return true
}

/** Counts of `process.getActiveResourcesInfo()` by resource type. */
export function resources(): Record<string, number> {
  const out: Record<string, number> = {}
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1
  return out
}

/** Resource types whose count grew from `before` to now (after the test servers were closed). */
export function grown(before: Record<string, number>, slack = 0): Record<string, number> {
  const now = resources()
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(now)) {
    const diff = v - (before[k] ?? 0)
    if (diff > slack) out[k] = diff
  }
  return out
}

/** Waits until no resource type grew beyond `slack` (sockets close asynchronously), then returns the growth. */
export async function settledGrowth(
  before: Record<string, number>,
  slack = 0,
): Promise<Record<string, number>> {
  await until(() => Object.keys(grown(before, slack)).length === 0, 3_000)
  return grown(before, slack)
}
