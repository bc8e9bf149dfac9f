import { createHash } from 'node:crypto'
import type { TLSSocket } from 'node:tls'
import { Socket } from 'node:net'
import { buildConnector, type Dispatcher, errors, Pool, ProxyAgent } from 'undici'
import { SSLError } from './errors/ssl-error.js'
import { invalidArg } from './invalid-arg.js'
import { handOverWatchingResets } from './reset-watch.js'

/**
 * TLS settings for connections to the origin (or to the proxy, as `proxyTls`). Part of the pool key: a socket
 * opened with one set of settings is never reused for another.
 *
 * @example
 * ```ts
 * new PoolManager({ tls: { ca: caPem, cert: clientPem, key: keyPem, servername: 'api.internal' } })
 * ```
 */
export interface TlsOptions {
  /** Trusted CA certificates (PEM) replacing Node's bundle. */
  ca?: string | Buffer | Array<string | Buffer> | undefined
  /** Client certificate (PEM) for mutual TLS. */
  cert?: string | Buffer | undefined
  /**
   * Private key (PEM) of the client certificate `cert`.
   * @see https://nodejs.org/api/tls.html#tlscreatesecurecontextoptions
   */
  key?: string | Buffer | undefined
  /** Passphrase of an encrypted `key`. */
  passphrase?: string | undefined
  /** Verify the server certificate chain and name. Default true. */
  rejectUnauthorized?: boolean | undefined
  /** SNI and certificate name to check instead of the URL host. */
  servername?: string | undefined
  /** Pin the server certificate by SHA-256 fingerprint (`'AB:CD:...'` or 64 hex digits), urllib3's assert_fingerprint. */
  assertFingerprint?: string | undefined
}

/**
 * Proxy settings of a pool (set by `ProxyManager`).
 *
 * @example
 * ```ts
 * // built by ProxyManager from its arguments:
 * new ProxyManager('http://127.0.0.1:3128', { proxyHeaders: { 'X-Tag': 'a' } })
 * ```
 */
export interface ProxySettings {
  /** The proxy URL (`http://`, `https://` or `socks5://`). */
  url: string
  /** Headers sent to the proxy (on `CONNECT` for tunnels), e.g. `Proxy-Authorization`. */
  headers?: Record<string, string> | undefined
  /** TLS settings for the connection to an `https://` proxy itself. */
  tls?: TlsOptions | undefined
}

/**
 * Everything that decides which connections a pool opens; all of it is in the pool key.
 *
 * @example
 * ```ts
 * const pool = pm.connectionFromUrl('https://127.0.0.1:8443')
 * pool.key // origin-independent hash of these settings
 * ```
 */
export interface PoolSettings {
  /** Connections kept for the origin. See {@link PoolManagerOptions.maxSize}. */
  maxSize: number
  /** Whether requests beyond `maxSize` wait for a free connection. See {@link PoolManagerOptions.block}. */
  block: boolean
  /** Time allowed to open a connection, in ms. */
  connectTimeout: number
  /** Whether HTTP/2 is negotiated over TLS (ALPN). */
  allowH2: boolean
  /** Unix domain socket to connect through instead of TCP. */
  socketPath?: string | undefined
  /** TLS settings for connections to the origin. */
  tls?: TlsOptions | undefined
  /** The proxy this pool's connections go through, if any. */
  proxy?: ProxySettings | undefined
  /** A dispatcher given by the caller (`PoolManagerOptions.dispatcher`): used instead of a `Pool`, never closed. */
  dispatcher?: Dispatcher | undefined
}

function normalizeFingerprint(value: string): string {
  return value.replace(/:/g, '').toLowerCase()
}

function tlsConnectOptions(tls: TlsOptions | undefined): Record<string, unknown> {
  if (tls === undefined) return {}
  const out: Record<string, unknown> = {}
  if (tls.ca !== undefined) out.ca = tls.ca
  if (tls.cert !== undefined) out.cert = tls.cert
  if (tls.key !== undefined) out.key = tls.key
  if (tls.passphrase !== undefined) out.passphrase = tls.passphrase
  if (tls.rejectUnauthorized !== undefined) out.rejectUnauthorized = tls.rejectUnauthorized
  if (tls.servername !== undefined) out.servername = tls.servername
  if (tls.assertFingerprint !== undefined) {
    // Pinning replaces host name checking (urllib3 does the same); resumed sessions may not carry the peer
    // certificate, so every connection does a full handshake.
    out.checkServerIdentity = () => undefined
    out.maxCachedSessions = 0
  }
  return out
}

/**
 * undici's own connector, wrapped to
 * - time the connection out on a native timer: undici's connect timeout runs on a coarse clock that fires up to
 *   ~1 s late (it stays set, as a backstop);
 * - check `assertFingerprint` against the peer certificate of each new TLS socket before any request byte is
 *   written on it;
 * - tell a close-delimited body ended by a reset from one ended by a clean close ({@link handOverWatchingResets}).
 * It returns the socket like undici's, so undici can cancel an attempt no request waits for any more.
 */
export function createConnector(settings: PoolSettings): buildConnector.connector {
  const timeout = settings.connectTimeout
  const base = buildConnector({
    ...tlsConnectOptions(settings.tls),
    allowH2: settings.allowH2,
    timeout,
    ...(settings.socketPath !== undefined ? { socketPath: settings.socketPath } : {}),
  } as buildConnector.BuildOptions)
  const pin = settings.tls?.assertFingerprint
  const expected = pin === undefined ? undefined : normalizeFingerprint(pin)
  return (options, callback) => {
    let timer: NodeJS.Timeout | undefined
    const socket = base(options, (error, socket) => {
      clearTimeout(timer)
      if (error !== null) return callback(error, null)
      if (expected === undefined) return handOverWatchingResets(socket, () => callback(null, socket))
      const cert = (socket as TLSSocket).getPeerCertificate?.()
      const actual = cert?.raw ? createHash('sha256').update(cert.raw).digest('hex') : undefined
      if (actual !== expected) {
        socket.destroy()
        const shown = actual === undefined ? 'none' : actual.match(/../g)!.join(':').toUpperCase()
        return callback(new SSLError(`Fingerprints did not match. Expected "${pin}", got "${shown}"`), null)
      }
      handOverWatchingResets(socket, () => callback(null, socket))
    }) as unknown
    if (socket instanceof Socket && !socket.destroyed) {
      timer = setTimeout(() => {
        const message = `Connect Timeout Error (attempted address: ${options.hostname}:${options.port}, timeout: ${timeout}ms)`
        socket.destroy(new errors.ConnectTimeoutError(message))
      }, timeout).unref()
    }
    return socket as ReturnType<buildConnector.connector>
  }
}

/** One undici dispatcher for a pool key: a `Pool`, or a `ProxyAgent` for proxied pools. */
export function createDispatcher(origin: string, settings: PoolSettings, overflow: boolean): Dispatcher {
  if (settings.dispatcher !== undefined) return settings.dispatcher
  const connections = overflow ? null : settings.maxSize
  const proxy = settings.proxy
  if (proxy !== undefined) {
    if (settings.tls?.assertFingerprint !== undefined) {
      // undici's ProxyAgent builds the tunnel's TLS connector itself, so the pin could not be checked.
      throw invalidArg('options.tls.assertFingerprint', 'is not supported through a proxy')
    }
    return new ProxyAgent({
      uri: proxy.url,
      connections,
      allowH2: settings.allowH2,
      connectTimeout: settings.connectTimeout,
      ...(proxy.headers !== undefined ? { headers: proxy.headers } : {}),
      requestTls: {
        ...tlsConnectOptions(settings.tls),
        allowH2: settings.allowH2,
      } as buildConnector.BuildOptions,
      // undici's SOCKS5 agent speaks TLS to the proxy whenever proxyTls is set: only pass it when given.
      ...(proxy.tls !== undefined
        ? { proxyTls: tlsConnectOptions(proxy.tls) as buildConnector.BuildOptions }
        : {}),
    })
  }
  return new Pool(origin, {
    connections,
    allowH2: settings.allowH2,
    connect: createConnector(settings),
    ...(settings.socketPath !== undefined ? { socketPath: settings.socketPath } : {}),
  })
}

const dispatcherIds = new WeakMap<Dispatcher, number>()
let nextDispatcherId = 0
function dispatcherId(dispatcher: Dispatcher): number {
  let id = dispatcherIds.get(dispatcher)
  if (id === undefined) {
    id = ++nextDispatcherId
    dispatcherIds.set(dispatcher, id)
  }
  return id
}

/** A stable key for TLS / proxy settings (PEM material is hashed, never kept in the key). */
export function settingsKey(settings: PoolSettings): string {
  const hash = createHash('sha256')
  const { tls, proxy } = settings
  hash.update(
    `${settings.maxSize}|${settings.block}|${settings.connectTimeout}|${settings.allowH2}|${settings.socketPath ?? ''}`,
  )
  for (const t of [tls, proxy?.tls]) {
    hash.update('|tls:')
    if (t === undefined) continue
    const ca = t.ca === undefined ? [] : Array.isArray(t.ca) ? t.ca : [t.ca]
    for (const c of ca) hash.update('ca').update(c)
    if (t.cert !== undefined) hash.update('cert').update(t.cert)
    if (t.key !== undefined) hash.update('key').update(t.key)
    hash.update(
      `${t.passphrase ?? ''}|${t.rejectUnauthorized ?? ''}|${t.servername ?? ''}|${t.assertFingerprint ?? ''}`,
    )
  }
  if (proxy !== undefined) hash.update(`|proxy:${proxy.url}|${JSON.stringify(proxy.headers ?? {})}`)
  if (settings.dispatcher !== undefined) hash.update(`|dispatcher:${dispatcherId(settings.dispatcher)}`)
  return hash.digest('base64url').slice(0, 22)
}
