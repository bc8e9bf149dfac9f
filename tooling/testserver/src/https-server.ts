import { disposable } from './types.ts'
import { createServer } from 'node:https'
import type { Socket } from 'node:net'
import { type Certificates, generateCertificates } from './certificates.ts'
import { createHttpbinHandler } from './httpbin/router.ts'
import { closeServer, formatUrl, listen } from './listen.ts'
import type { RunningServer } from './types.ts'

export type RunningHttpsHttpbin = RunningServer & {
  hits: Map<string, number>
  /** CA certificate (PEM) the client must trust. */
  ca: string
  /** SHA-256 fingerprint of the server certificate, `'AB:CD:...'`. */
  fingerprint256: string
  /** Client certificate and key signed by `ca`, for mTLS (`requestCert: true`). */
  clientCert: string
  clientKey: string
}

/** Certificates are generated once per process (at the first start) and shared by later servers. */
let shared: Promise<Certificates> | undefined

/**
 * Starts httpbin over HTTPS on 127.0.0.1 port 0, with a certificate generated at start-up.
 * With `requestCert: true` the handshake fails unless the client presents a certificate signed by `ca`.
 *
 * @example
 * ```ts
 * const server = await startHttpsHttpbin()
 * const agent = new https.Agent({ ca: server.ca })
 * https.get(`${server.url}/get`, { agent }, (res) => {})
 * ```
 */
export async function startHttpsHttpbin(
  options: { requestCert?: boolean } = {},
): Promise<RunningHttpsHttpbin> {
  shared ??= generateCertificates()
  let certificates: Certificates
  try {
    certificates = await shared
  } catch (error) {
    shared = undefined
    throw error
  }
  const requestCert = options.requestCert ?? false
  const hits = new Map<string, number>()
  const server = createServer(
    {
      key: certificates.key,
      cert: certificates.cert,
      ca: certificates.ca,
      requestCert,
      rejectUnauthorized: requestCert,
      keepAlive: true,
    },
    createHttpbinHandler({ scheme: 'https', hits }),
  )
  server.on('tlsClientError', () => {})
  // closeAllConnections() only sees sockets that finished the handshake: track the raw ones too.
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const port = await listen(server)
  return disposable({
    url: formatUrl('https', '127.0.0.1', port),
    host: '127.0.0.1',
    port,
    hits,
    ca: certificates.ca,
    fingerprint256: certificates.fingerprint256,
    clientCert: certificates.clientCert,
    clientKey: certificates.clientKey,
    close: () =>
      closeServer(server, () => {
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      }),
  })
}
