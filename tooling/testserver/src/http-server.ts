import { createServer, type RequestListener, type Server } from 'node:http'
import { closeServer, formatUrl, listen } from './listen.ts'
import { disposable, type RunningServer } from './types.ts'

/** A `node:http` server running a test's own listener: `connections` accepted so far, the `server` itself. */
export type RunningHttpServer = RunningServer & { server: Server; connections: number }

/**
 * Starts a `node:http` server on a loopback address, port 0, that answers with `onRequest`: a test's own routes
 * (a redirect target that records headers, a status the test scripts). `host`: `127.0.0.1` (default), `localhost`
 * or `::1`. `connections` counts the connections accepted (a test of socket reuse compares them). `close()`
 * destroys every connection, idle keep-alive ones included.
 *
 * @example
 * ```ts
 * await using server = await startHttpServer((req, res) => res.writeHead(503, { 'Retry-After': '0' }).end('busy'))
 * // `${server.url}/` answers 503
 * ```
 */
export async function startHttpServer(
  onRequest: RequestListener,
  options: { host?: string } = {},
): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1'
  const server = createServer(onRequest)
  server.on('connection', () => running.connections++)
  const port = await listen(server, host)
  const running: RunningHttpServer = disposable({
    url: formatUrl('http', host, port),
    host,
    port,
    server,
    connections: 0,
    close: () => closeServer(server, () => server.closeAllConnections()),
  })
  return running
}
