import { disposable } from '../types.ts'
import { createServer } from 'node:http'
import { closeServer, formatUrl, listen } from '../listen.ts'
import type { RunningServer } from '../types.ts'
import { createHttpbinHandler } from './router.ts'

/** A running httpbin; `hits` counts requests per path (query string excluded). */
export type RunningHttpbin = RunningServer & { hits: Map<string, number> }

/**
 * Starts an httpbin-like HTTP/1.1 server on a loopback address, port 0.
 *
 * @example
 * ```ts
 * const httpbin = await startHttpbin()
 * const body = await (await fetch(`${httpbin.url}/get?a=1`)).json() // { args: { a: '1' }, ... }
 * await httpbin.close()
 * ```
 */
export async function startHttpbin(options: { host?: string } = {}): Promise<RunningHttpbin> {
  const host = options.host ?? '127.0.0.1'
  const hits = new Map<string, number>()
  const server = createServer({ keepAlive: true }, createHttpbinHandler({ scheme: 'http', hits }))
  const port = await listen(server, host)
  return disposable({
    url: formatUrl('http', host, port),
    host,
    port,
    hits,
    close: () => closeServer(server, () => server.closeAllConnections()),
  })
}
