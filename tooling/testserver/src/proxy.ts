import { disposable } from './types.ts'
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { connect, type Socket } from 'node:net'
import { closeServer, formatUrl, listen } from './listen.ts'
import { isLoopbackHost, PROXY_CHALLENGE, type ProxyCredentials, proxyAuthorized } from './proxy-auth.ts'
import type { RunningServer } from './types.ts'

export interface ProxyStats {
  /** Absolute-form requests received (denied ones included). */
  requests: number
  /** CONNECT requests received (denied ones included). */
  connects: number
  /** Requests and CONNECTs answered 407 for missing or wrong credentials. */
  denied: number
  /** Every request and CONNECT in arrival order; header names lower-case, repeated values joined with ', '. */
  seen: Array<{ method: string; target: string; headers: Record<string, string> }>
}

export type RunningProxy = RunningServer & { stats: ProxyStats }

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** Raw header pairs without hop-by-hop headers (and those the Connection header names). */
function endToEnd(rawHeaders: string[]): string[] {
  const named = new Set(HOP_BY_HOP)
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'connection') {
      for (const token of rawHeaders[i + 1]!.split(',')) named.add(token.trim().toLowerCase())
    }
  }
  const result: string[] = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!named.has(rawHeaders[i]!.toLowerCase())) result.push(rawHeaders[i]!, rawHeaders[i + 1]!)
  }
  return result
}

function record(stats: ProxyStats, req: IncomingMessage): void {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headersDistinct)) headers[name] = (value ?? []).join(', ')
  stats.seen.push({ method: req.method ?? '', target: req.url ?? '', headers })
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  agents: { http: Agent; https: HttpsAgent },
): void {
  let target: URL
  try {
    target = new URL(req.url ?? '')
  } catch {
    plain(res, 400, 'proxy requests need an absolute-form target\n')
    return
  }
  if ((target.protocol !== 'http:' && target.protocol !== 'https:') || !isLoopbackHost(target.hostname)) {
    plain(res, 502, 'testserver proxy only reaches http(s) on loopback addresses\n')
    return
  }
  const secure = target.protocol === 'https:'
  const options = {
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || (secure ? 443 : 80),
    method: req.method ?? 'GET',
    path: target.pathname + target.search,
    headers: endToEnd(req.rawHeaders),
  }
  const onResponse = (upstream: IncomingMessage) => {
    res.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, endToEnd(upstream.rawHeaders))
    upstream.pipe(res)
  }
  // The proxy is a test fixture: it forwards to local https servers without checking their (test) certificates.
  const outgoing = secure
    ? httpsRequest({ ...options, agent: agents.https, rejectUnauthorized: false }, onResponse)
    : request({ ...options, agent: agents.http }, onResponse)
  outgoing.on('error', () => {
    if (!res.headersSent) plain(res, 502, 'upstream connection failed\n')
    else res.destroy()
  })
  req.pipe(outgoing)
}

function parseAuthority(authority: string): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(authority)
  if (match === null) return undefined
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) }
}

function tunnel(req: IncomingMessage, client: Socket, head: Buffer, sockets: Set<Socket>): void {
  const target = parseAuthority(req.url ?? '')
  if (target === undefined || !isLoopbackHost(target.host)) {
    client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    return
  }
  const upstream = connect({ host: target.host, port: target.port })
  sockets.add(upstream)
  upstream.once('close', () => sockets.delete(upstream))
  let connected = false
  upstream.on('error', () => {
    if (client.writable && !connected) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    } else client.destroy()
  })
  client.on('error', () => upstream.destroy())
  client.once('close', () => upstream.destroy())
  upstream.once('connect', () => {
    connected = true
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) upstream.write(head)
    upstream.pipe(client)
    client.pipe(upstream)
  })
}

/**
 * Starts a forward proxy on 127.0.0.1 port 0: absolute-form http(s) requests are forwarded, CONNECT is tunnelled.
 * With `auth`, requests without the right `Proxy-Authorization: Basic` header get 407. Only loopback targets
 * are reached (others get 502), so a test can never leak to the network through it.
 *
 * @example
 * ```ts
 * const proxy = await startProxy({ auth: { username: 'u', password: 'p' } })
 * // ... client configured with proxy.url ...
 * proxy.stats.requests // absolute-form requests seen
 * await proxy.close()
 * ```
 */
export async function startProxy(options: { auth?: ProxyCredentials } = {}): Promise<RunningProxy> {
  const { auth } = options
  const stats: ProxyStats = { requests: 0, connects: 0, denied: 0, seen: [] }
  const agents = { http: new Agent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
  const tunnels = new Set<Socket>()
  const server = createServer({ keepAlive: true }, (req, res) => {
    stats.requests++
    record(stats, req)
    if (!proxyAuthorized(req.headers['proxy-authorization'], auth)) {
      stats.denied++
      plain(res, 407, 'proxy authentication required\n', { 'Proxy-Authenticate': PROXY_CHALLENGE })
      return
    }
    forward(req, res, agents)
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    stats.connects++
    record(stats, req)
    tunnels.add(client)
    client.once('close', () => tunnels.delete(client))
    if (!proxyAuthorized(req.headers['proxy-authorization'], auth)) {
      stats.denied++
      client.end(
        `HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${PROXY_CHALLENGE}\r\n` +
          'Content-Length: 0\r\nConnection: close\r\n\r\n',
      )
      return
    }
    tunnel(req, client, head, tunnels)
  })
  const port = await listen(server)
  return disposable({
    url: formatUrl('http', '127.0.0.1', port),
    host: '127.0.0.1',
    port,
    stats,
    close: () =>
      closeServer(server, () => {
        server.closeAllConnections()
        for (const socket of tunnels) socket.destroy()
        agents.http.destroy()
        agents.https.destroy()
      }),
  })
}
