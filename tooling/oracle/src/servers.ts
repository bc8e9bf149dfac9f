// Loopback servers both sides of a scenario talk to: the project's httpbin behind a recorder that logs what each
// request carried (as the server saw it), a few routes of the oracle's own, and a forward proxy.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:https'
import type { Socket } from 'node:net'
import { createHttpbinHandler, generateCertificates, type RunningProxy, startProxy } from '@x/testserver'

/** One request as the server received it. */
export interface Seen {
  method: string
  path: string
  headers: Record<string, string>
  /** The body, for the oracle's own routes (httpbin routes echo theirs). */
  body?: string
}

export interface Recorder {
  url: string
  log: Seen[]
  close(): Promise<void>
}

// The echo endpoints show the headers a client sent; the two clients differ on purpose in some of them
// (User-Agent, Accept-Encoding, Connection: keep-alive, header order). The log keeps them as sent; the handler sees them made uniform,
// so an echo body differs only where the request really differed.
function uniform(req: IncomingMessage): void {
  const pairs: [string, string][] = []
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!
    let value = req.rawHeaders[i + 1]!
    const lower = name.toLowerCase()
    if (lower === 'user-agent') value = 'oracle'
    if (lower === 'accept-encoding') {
      if (value === 'identity') continue
      value = 'oracle'
    }
    // HTTP/1.1 connections persist by default: undici says so, Python's http.client does not.
    if (lower === 'connection' && value.toLowerCase() === 'keep-alive') continue
    pairs.push([lower, value])
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  req.rawHeaders.length = 0
  for (const [n, v] of pairs) req.rawHeaders.push(n, v)
}

function seen(req: IncomingMessage): Seen {
  const headers: Record<string, string> = {}
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase()
    const value = req.rawHeaders[i + 1]!
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  return { method: req.method ?? '', path: req.url ?? '', headers }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('latin1')
}

const flaky = new Map<string, number>()

/** Routes of the oracle's own; `true` when handled. */
async function own(req: IncomingMessage, res: ServerResponse, entry: Seen): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x')
  const q = url.searchParams
  if (url.pathname === '/oracle/bytes') {
    // Bytes as given (hex), with the content type given: charsets, odd bodies.
    entry.body = await readBody(req)
    const headers: Record<string, string> = {}
    if (q.get('ct') !== null) headers['content-type'] = q.get('ct')!
    res.writeHead(Number(q.get('status') ?? 200), headers).end(Buffer.from(q.get('hex') ?? '', 'hex'))
    return true
  }
  const flake = /^\/oracle\/flaky\/([\w-]+)$/.exec(url.pathname)
  if (flake) {
    // The first `times` requests for this token get `status` (with Retry-After when given), then 200.
    entry.body = await readBody(req)
    const n = (flaky.get(flake[1]!) ?? 0) + 1
    flaky.set(flake[1]!, n)
    if (n <= Number(q.get('times') ?? 1)) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' }
      if (q.get('retry_after') !== null) headers['retry-after'] = q.get('retry_after')!
      res.writeHead(Number(q.get('status') ?? 503), headers).end(`attempt ${n}`)
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`attempt ${n}`)
    }
    return true
  }
  if (url.pathname.startsWith('/oauth/')) {
    // Form parameters in name order: their order carries no meaning (RFC 6749 §3.2 reads them as a set).
    const body = new URLSearchParams(await readBody(req))
    body.sort()
    entry.body = body.toString()
    oauth(url, entry, res)
    return true
  }
  return false
}

/** A scripted OAuth 2.0 server: answers by grant type; `refresh_token=dead` is refused like Keycloak does. */
function oauth(url: URL, entry: Seen, res: ServerResponse): void {
  const form = new URLSearchParams(entry.body ?? '')
  const [status, body] = oauthAnswer(url, form)
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body))
}

function oauthAnswer(url: URL, form: URLSearchParams): [number, unknown] {
  switch (url.pathname) {
    case '/oauth/token': {
      const grant = form.get('grant_type')
      if (grant === 'refresh_token' && form.get('refresh_token') === 'dead')
        return [400, { error: 'invalid_grant', error_description: 'Session not active' }]
      if (form.get('password') === 'wrong')
        return [401, { error: 'invalid_grant', error_description: 'Invalid user credentials' }]
      return [
        200,
        {
          access_token: `AT-${grant}`,
          expires_in: 300,
          refresh_expires_in: 1800,
          refresh_token: grant === 'client_credentials' ? undefined : `RT-${grant}`,
          token_type: 'Bearer',
          'not-before-policy': 0,
          session_state: 'abc',
          scope: form.get('scope') ?? 'profile email',
        },
      ]
    }
    case '/oauth/revoke':
      return [200, {}]
    case '/oauth/introspect':
      return [200, { active: true, token: form.get('token'), hint: form.get('token_type_hint') }]
    case '/oauth/resource':
      return [200, { query: Object.fromEntries(url.searchParams), body: form.toString() }]
    default:
      return [404, { error: 'not_found' }]
  }
}

/** TLS settings of a recorder: the server certificate, and whether to require a client certificate. */
export interface RecorderTls {
  key: string
  cert: string
  ca: string
  requestCert: boolean
}

/** httpbin behind the recorder, on 127.0.0.1 port 0 (over TLS when `tls` is given). */
export async function startRecorder(tls?: RecorderTls): Promise<Recorder> {
  const log: Seen[] = []
  const hits = new Map<string, number>()
  const httpbin = createHttpbinHandler({ scheme: tls ? 'https' : 'http', hits })
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const entry = seen(req)
    log.push(entry)
    own(req, res, entry).then(
      (handled) => {
        if (handled) return
        uniform(req)
        httpbin(req, res)
      },
      (error) => res.writeHead(500).end(String(error)),
    )
  }
  const server: Server = tls
    ? createTlsServer({ ...tls, rejectUnauthorized: tls.requestCert }, listener)
    : createServer(listener)
  server.keepAliveTimeout = 1000
  server.on('tlsClientError', () => {})
  // closeAllConnections() only sees sockets that finished a TLS handshake: track the raw ones too.
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface Servers {
  a: Recorder
  b: Recorder
  proxy: RunningProxy
  /** The recorder over TLS, and over TLS asking for a client certificate. */
  https: Recorder
  mtls: Recorder
  /** PEM files: the CA both TLS servers' certificates chain to, and a client certificate and key it signed. */
  files: { ca: string; cert: string; key: string }
  close(): Promise<void>
}

/** Two recorders (two origins, for cross-host redirects), a forward proxy and two TLS servers. */
export async function startServers(): Promise<Servers> {
  const certificates = await generateCertificates()
  const tls = { key: certificates.key, cert: certificates.cert, ca: certificates.ca }
  const [a, b, proxy, https, mtls] = await Promise.all([
    startRecorder(),
    startRecorder(),
    startProxy(),
    startRecorder({ ...tls, requestCert: false }),
    startRecorder({ ...tls, requestCert: true }),
  ])
  const dir = mkdtempSync(join(tmpdir(), 'oracle-tls-'))
  const files = { ca: join(dir, 'ca.pem'), cert: join(dir, 'client.pem'), key: join(dir, 'client.key') }
  writeFileSync(files.ca, certificates.ca)
  writeFileSync(files.cert, certificates.clientCert)
  writeFileSync(files.key, certificates.clientKey, { mode: 0o600 })
  return {
    a,
    b,
    proxy,
    https,
    mtls,
    files,
    close: async () => {
      await Promise.all([a.close(), b.close(), proxy.close(), https.close(), mtls.close()])
    },
  }
}
