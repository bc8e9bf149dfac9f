// A reverse proxy on 127.0.0.1 in front of a server (Keycloak) that counts the requests per path, so a test or demo can say how
// many times a client called the token endpoint. The Host header is rewritten to Keycloak's own, so the issuer
// and every URL Keycloak prints stay the real ones.
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CountingProxy {
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** Requests seen, in order. */
  seen: Array<{ method: string; path: string }>
  /** How many requests went to a path ending with `suffix` (query ignored), optionally with one method. */
  count(suffix: string, method?: string): number
  reset(): void
  close(): Promise<void>
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target)
  const seen: Array<{ method: string; path: string }> = []
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/' })
    const outgoing = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    outgoing.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`proxy: ${error.message}`)
    })
    req.pipe(outgoing)
  }
  const server = createServer(forward)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    count: (suffix, method) =>
      seen.filter((r) => r.path.endsWith(suffix) && (!method || r.method === method)).length,
    reset: () => {
      seen.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
