import type { TlsOptions } from './dispatcher-factory.js'
import { type OptionRegistry, optionKeys } from './invalid-arg.js'
import type { EncodeOptions } from './request-body.js'
import type { Retry } from './retry.js'
import type { TimeoutConfig, TimeoutOptions } from './timeout.js'

/**
 * When a request that failed on a reused keep-alive connection before any response byte is sent again without
 * counting against `retries`:
 * - `'unsent'` (default): only when no byte of it can have reached the server. undici checks an idle
 *   connection before writing on it and moves a request it finds closed to a new connection; once the request
 *   was written, the origin may have received it, and a resend counts like any other retry (`retries: false`
 *   means none).
 * - `'idempotent'`: also resend, once, an idempotent request (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) with a
 *   replayable body that was written on a connection the server closed before answering, as Go's net/http and
 *   browsers do. The origin may then see it twice.
 *
 * @example
 * ```ts
 * new PoolManager({ resendStale: 'idempotent' })
 * await pm.request('PUT', url, { body, resendStale: 'unsent' })
 * ```
 */
export type ResendStale = 'unsent' | 'idempotent'

/**
 * Options of `PoolManager.request()` and the module-level `request()`. Durations are milliseconds.
 *
 * @example
 * ```ts
 * await pm.request('POST', `${base}/post`, { json: { a: 1 }, timeout: { connect: 1_000, read: 5_000 } })
 * await pm.request('GET', `${base}/get`, { fields: { q: 'x' } }) // -> /get?q=x
 * ```
 */
export interface PoolRequestOptions extends EncodeOptions {
  /** Follow redirects (urllib3's rules). Default true. */
  redirect?: boolean | undefined
  /**
   * Retries of this request: a number `n` means `new Retry({ total: n })`, `false` no retries and redirects
   * returned as responses. Default: the manager's (`Retry.DEFAULT`, 3).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  retries?: number | Retry | false | undefined
  /**
   * Timeouts of this request in ms: a number `n` means `{ connect: n, read: n }`. Default: the manager's.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Timeout
   */
  timeout?: number | TimeoutConfig | TimeoutOptions | undefined
  /** Read the whole body before resolving. Default true. */
  preloadContent?: boolean | undefined
  /** Decode gzip/deflate/br/zstd bodies. Default true. */
  decodeContent?: boolean | undefined
  /** Aborts the request at any stage (queued, connecting, waiting, reading); rejects with `signal.reason`. */
  signal?: AbortSignal | undefined
  /**
   * TLS overrides for this request (merged over the manager's; another pool). Ignored for `http:` URLs. Keyed by
   * object identity after first use: reuse one object, do not mutate it.
   */
  tls?: TlsOptions | undefined
  /** With `block: true` (the default), how long to wait for a free connection before `EmptyPoolError` (urllib3's pool_timeout). Default: no limit. */
  poolTimeout?: number | undefined
  /** Limit for the raw and the decoded body, in bytes. */
  maxResponseSize?: number | undefined
  /** Overrides the manager's {@link ResendStale} setting for this request. */
  resendStale?: ResendStale | undefined
}

const REQUEST_REGISTRY: OptionRegistry<PoolRequestOptions> = {
  fields: true,
  body: true,
  json: true,
  headers: true,
  encodeMultipart: true,
  multipartBoundary: true,
  redirect: true,
  retries: true,
  timeout: true,
  preloadContent: true,
  decodeContent: true,
  signal: true,
  tls: true,
  poolTimeout: true,
  maxResponseSize: true,
  resendStale: true,
}
/** Keys of {@link PoolRequestOptions}: any other key is refused (a misspelt option is never ignored). */
export const REQUEST_OPTION_KEYS = optionKeys(REQUEST_REGISTRY)

/**
 * Live numbers of one pool, from undici.
 *
 * @example
 * ```ts
 * pm.stats()['http://127.0.0.1:8080'] // { connected: 2, free: 2, pending: 0, running: 0, queued: 0, size: 0 }
 * ```
 */
export interface PoolStats {
  /** Open sockets. */
  connected: number
  /** Open sockets without an active request. */
  free: number
  /** Requests written, waiting for a response. */
  pending: number
  /** Requests in progress. */
  running: number
  /** Requests waiting for a connection. */
  queued: number
  /** pending + running + queued. */
  size: number
}

/** @deprecated Renamed {@link PoolRequestOptions}: `@x/requests` exports its own `RequestOptions` (a Session request's options). */
export type RequestOptions = PoolRequestOptions
