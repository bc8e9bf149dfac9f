import type { Dispatcher } from 'undici'
import * as s from './option-schema.js'
import { ConnectionPool } from './connection-pool.js'
import { type PoolSettings, type ProxySettings, settingsKey, type TlsOptions } from './dispatcher-factory.js'
import { ClosedPoolError } from './errors/closed-pool-error.js'
import type { PoolHeadersInput } from './header-dict.js'
import { parseOptions } from './invalid-arg.js'
import { findHeader } from './header-dict.js'
import { flattenHeaders, USER_AGENT } from './request-body.js'
import type { PoolStats, PoolRequestOptions, ResendStale } from './request-options.js'
import type { HTTPResponse } from './response.js'
import { Retry } from './retry.js'
import { bool, headersSchema, nonNegativeInt, positiveInt, resendStaleSchema, str } from './schemas.js'
import { tlsSchema } from './tls-schema.js'
import { TimeoutConfig, type TimeoutOptions, timeoutOptionsSchema } from './timeout.js'
import { originOf, parseRequestUrl } from './url.js'
import { type RequestDefaults, urlopen } from './urlopen.js'

/**
 * Options of {@link PoolManager}. Durations are milliseconds; sizes are bytes.
 *
 * @example
 * ```ts
 * const options: PoolManagerOptions = { maxSize: 20, block: true, retries: 5, timeout: 5_000 }
 * new PoolManager(options)
 * ```
 */
export interface PoolManagerOptions {
  /** Connections kept per pool (origin + settings). Default 10. */
  maxSize?: number | undefined
  /**
   * `true` (default): at `maxSize` requests in flight, wait (asynchronously) for a free connection, at most
   * `poolTimeout` ms when a request sets it. `false` (urllib3's default): open extra connections that are
   * closed after use. Node never blocks a thread while waiting, so queueing is the safe default here.
   */
  block?: boolean | undefined
  /** Pools kept at once; the least recently used one is closed beyond this. Default 10 (urllib3's num_pools). */
  numPools?: number | undefined
  /** Default headers, used when a request passes none (urllib3 replaces, it does not merge). */
  headers?: PoolHeadersInput | undefined
  /** Default `Retry.DEFAULT` (3 retries). */
  retries?: number | Retry | false | undefined
  /**
   * Default timeouts in ms: a number `n` means `{ connect: n, read: n }`. Default {@link TimeoutConfig}
   * (connect 10 000, read 300 000, no total).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Timeout
   */
  timeout?: number | TimeoutConfig | TimeoutOptions | undefined
  /**
   * TLS settings of every HTTPS pool (CA bundle, client certificate, verification, fingerprint pinning).
   * @see https://urllib3.readthedocs.io/en/stable/advanced-usage.html#certificate-verification
   */
  tls?: TlsOptions | undefined
  /** Limit for raw and decoded bodies. Default: no raw limit, 1 GiB decoded. */
  maxResponseSize?: number | undefined
  /** Negotiate HTTP/2 over TLS (ALPN). Default false (HTTP/1.1, like urllib3). */
  allowH2?: boolean | undefined
  /** Connect through this Unix domain socket instead of TCP. */
  socketPath?: string | undefined
  /**
   * An undici dispatcher every pool sends through instead of opening its own connections: undici's `MockAgent`
   * in tests, an `Agent` with interceptors, a dispatcher instrumented elsewhere. Pool limits (`maxSize`,
   * `block`), retries, redirects, timeouts and decoding still run here; connection settings (`tls`, `allowH2`,
   * `socketPath`, proxies) are then the dispatcher's business. Closing the manager leaves it open: it is yours.
   *
   * @example
   * ```ts
   * const mock = new MockAgent()
   * mock.disableNetConnect()
   * mock.get('http://api.test').intercept({ path: '/users' }).reply(200, [{ id: 1 }])
   * const pm = new PoolManager({ dispatcher: mock })
   * ```
   */
  dispatcher?: Dispatcher | undefined
  /** Which requests a dropped keep-alive connection may resend without counting a retry. Default `'unsent'`. */
  resendStale?: ResendStale | undefined
}

/**
 * A schema per option of {@link PoolManagerOptions} (the registry: a key missing here or unknown to the type does not
 * compile), built when a manager's options are first validated.
 */
export function managerShape() {
  const retriesSchema = s.union(
    [nonNegativeInt(), s.literal(false), s.custom<Retry>((v) => v instanceof Retry)],
    {
      error: 'must be a non-negative integer, false or a Retry',
    },
  )
  const timeoutSchema = s.union(
    [
      s
        .number({ error: 'must be a positive number' })
        .check(s.positive({ error: 'must be a positive number' })),
      s.custom<TimeoutConfig>((v) => v instanceof TimeoutConfig),
      timeoutOptionsSchema,
    ],
    { error: 'must be a positive number, a TimeoutConfig or { connect, read, total }' },
  )
  return {
    maxSize: s.optional(positiveInt()),
    block: s.optional(bool()),
    numPools: s.optional(positiveInt()),
    headers: s.optional(headersSchema()),
    retries: s.optional(retriesSchema),
    timeout: s.optional(timeoutSchema),
    tls: s.optional(tlsSchema),
    maxResponseSize: s.optional(positiveInt()),
    allowH2: s.optional(bool()),
    socketPath: s.optional(str()),
    dispatcher: s.optional(
      s.custom<Dispatcher>((v) => typeof (v as Dispatcher | null)?.dispatch === 'function', {
        error: 'must be an undici Dispatcher (an object with a dispatch() method)',
      }),
    ),
    resendStale: s.optional(resendStaleSchema()),
  } satisfies { [K in keyof PoolManagerOptions]-?: s.Schema }
}
const managerSchema = /* @__PURE__ */ s.lazy(() =>
  s.strictObject(managerShape(), { error: 'must be an object' }),
)

/**
 * Pools connections per origin and connection settings, like urllib3's `PoolManager`. One undici `Pool` per
 * pool key (scheme, host, port, TLS options, proxy, connect timeout), at most `numPools` pools (LRU).
 *
 * @example
 * ```ts
 * await using pm = new PoolManager({ maxSize: 10, retries: 3, timeout: { connect: 2_000, read: 10_000 } })
 * const resp = await pm.request('GET', 'http://127.0.0.1:8080/get')
 * resp.status // 200
 * resp.json()
 * ```
 */
export class PoolManager implements AsyncDisposable {
  #pools = new Map<string, ConnectionPool>()
  #settings: PoolSettings
  #settingsKey: string
  #defaults: RequestDefaults
  #numPools: number
  #tls: TlsOptions | undefined
  #closed = false
  #last: ConnectionPool | undefined
  #keys = new Map<number, string>()
  #tlsKeys = new WeakMap<TlsOptions, Map<number, { key: string; settings: PoolSettings }>>()

  /** @internal Routes every pool of this manager through `proxy` (ProxyManager's constructor). */
  protected setProxy(proxy: ProxySettings): void {
    this.#settings = { ...this.#settings, proxy }
    this.#settingsKey = settingsKey(this.#settings)
    this.#keys.clear()
    this.#tlsKeys = new WeakMap()
  }

  constructor(options: PoolManagerOptions = {}) {
    parseOptions(managerSchema, options)
    const o = options
    const timeout = TimeoutConfig.from(o.timeout)
    this.#tls = o.tls
    this.#numPools = o.numPools ?? 10
    this.#settings = {
      maxSize: o.maxSize ?? 10,
      block: o.block ?? true,
      connectTimeout: timeout.connect,
      allowH2: o.allowH2 ?? false,
      socketPath: o.socketPath,
      tls: o.tls,
      dispatcher: o.dispatcher,
    }
    this.#settingsKey = settingsKey(this.#settings)
    const headers = o.headers === undefined ? [] : flattenHeaders(o.headers as PoolHeadersInput)
    if (findHeader(headers, 'user-agent') === -1) headers.push('User-Agent', USER_AGENT)
    this.#defaults = {
      headers,
      retries: Retry.from(o.retries),
      timeout,
      maxResponseSize: o.maxResponseSize,
      resendStale: o.resendStale ?? 'unsent',
    }
  }

  /** Defaults every request starts from. */
  get defaults(): RequestDefaults {
    return this.#defaults
  }

  /**
   * Sends a request: `fields`, `body` or `json`; follows redirects and retries per `retries`.
   * Resolves once the body is read (or at the head with `preloadContent: false`).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.poolmanager.html#urllib3.PoolManager.request
   */
  request(method: string, url: string, options?: PoolRequestOptions): Promise<HTTPResponse> {
    if (this.#closed) return Promise.reject(new ClosedPoolError('PoolManager is closed'))
    return urlopen(this, method, url, options)
  }

  /** @internal The pool for a target, created on first use. */
  poolFor(target: URL, tls: TlsOptions | undefined, timeout: TimeoutConfig): ConnectionPool {
    if (this.#closed) throw new ClosedPoolError('PoolManager is closed')
    let key = this.#settingsKey
    let settings = this.#settings
    // An http: origin uses no TLS (an https proxy's TLS is proxyTls, already in the manager's key), so
    // per-request TLS options must neither split its pools nor cost anything.
    if (tls !== undefined && target.protocol === 'https:') {
      const variant = this.#tlsVariant(tls, timeout.connect)
      key = variant.key
      settings = variant.settings
    } else if (timeout.connect !== settings.connectTimeout) {
      settings = { ...settings, connectTimeout: timeout.connect }
      let cached = this.#keys.get(timeout.connect)
      if (cached === undefined) {
        cached = settingsKey(settings)
        this.#keys.set(timeout.connect, cached)
      }
      key = cached
    }
    const origin = originOf(target)
    const last = this.#last
    if (last !== undefined && last.origin === origin && last.key === key) return last
    const id = `${origin}|${key}`
    let pool = this.#pools.get(id)
    if (pool === undefined) {
      pool = new ConnectionPool(origin, key, settings, this.#defaults)
      this.#pools.set(id, pool)
      this.#evict()
    } else {
      this.#pools.delete(id) // most recently used goes last
      this.#pools.set(id, pool)
    }
    this.#last = pool
    return pool
  }

  /**
   * Settings and key for per-request TLS options, computed once per options object (and connect timeout):
   * hashing a large CA bundle on every request cost @x/requests ~40% of its CPU. Objects with equal content
   * get equal keys, each computed once. A TLS options object is taken as immutable once used.
   */
  #tlsVariant(tls: TlsOptions, connectTimeout: number): { key: string; settings: PoolSettings } {
    let byTimeout = this.#tlsKeys.get(tls)
    if (byTimeout === undefined) {
      byTimeout = new Map()
      this.#tlsKeys.set(tls, byTimeout)
    }
    let variant = byTimeout.get(connectTimeout)
    if (variant === undefined) {
      const settings = { ...this.#settings, connectTimeout, tls: { ...this.#tls, ...tls } }
      variant = { key: settingsKey(settings), settings }
      byTimeout.set(connectTimeout, variant)
    }
    return variant
  }

  #evict(): void {
    while (this.#pools.size > this.#numPools) {
      const [id, oldest] = this.#pools.entries().next().value!
      this.#pools.delete(id)
      if (this.#last === oldest) this.#last = undefined
      void oldest.close() // in-flight requests finish; idle sockets close
    }
  }

  /**
   * The pool for `url`'s origin with the manager's settings (plus TLS overrides), urllib3's
   * `connection_from_url`.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.poolmanager.html#urllib3.PoolManager.connection_from_url
   */
  connectionFromUrl(url: string, overrides?: { tls?: TlsOptions }): ConnectionPool {
    return this.poolFor(parseRequestUrl(url), overrides?.tls, this.#defaults.timeout)
  }

  /** Number of pools currently kept. */
  get size(): number {
    return this.#pools.size
  }

  /** Live stats per origin (pools of one origin with different settings are summed). */
  stats(): Record<string, PoolStats> {
    const out: Record<string, PoolStats> = {}
    for (const pool of this.#pools.values()) {
      const s = pool.stats
      const into = out[pool.origin]
      if (into === undefined) out[pool.origin] = s
      else for (const k of Object.keys(s) as Array<keyof PoolStats>) into[k] += s[k]
    }
    return out
  }

  /**
   * Closes every pool (in-flight requests finish) and forgets them; the manager stays usable.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.poolmanager.html#urllib3.PoolManager.clear
   */
  async clear(): Promise<void> {
    const pools = [...this.#pools.values()]
    this.#pools.clear()
    this.#last = undefined
    await Promise.all(pools.map((p) => p.close()))
  }

  /** Closes every pool; later requests fail with `ClosedPoolError`. */
  async close(): Promise<void> {
    this.#closed = true
    await this.clear()
  }

  /** Same as {@link PoolManager.close}, for `await using pm = new PoolManager()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }
}
