import * as s from './option-schema.js'
import type { RequestHistory } from './request-history.js'
import { bool, nonNegativeInt, nonNegativeNumber } from './schemas.js'

/**
 * Options of {@link Retry}; every duration is in milliseconds.
 *
 * @example
 * ```ts
 * const options: RetryOptions = { total: 3, statusForcelist: [503], backoffFactor: 100 }
 * new Retry(options)
 * ```
 */
export interface RetryOptions {
  /** Total attempts allowed after the first; `null` for no total limit, `false` to disable retries. Default 10. */
  total?: number | false | null | undefined
  /**
   * Retries allowed on connection errors (`ConnectTimeoutError`, `NewConnectionError`, `ProxyError`: the
   * request never reached the server); `null` defers to `total`, `false` raises on the first one.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  connect?: number | false | null | undefined
  /**
   * Retries allowed on read errors (`ReadTimeoutError`, `ProtocolError`: the request may have reached the
   * server, so only `allowedMethods` are retried); `null` defers to `total`, `false` raises on the first one.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  read?: number | false | null | undefined
  /**
   * Redirects followed; `null` defers to `total`, `false` (or `total: false`) returns redirects as responses
   * instead of following them.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  redirect?: number | false | null | undefined
  /**
   * Retries allowed on a status in `statusForcelist`; `null` defers to `total`.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  status?: number | null | undefined
  /**
   * Retries allowed on errors that are neither connection nor read errors (e.g. `SSLError`); `null` defers to
   * `total`.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  other?: number | null | undefined
  /** Methods retried on read errors and status codes; `null` retries any method. Default: idempotent methods. */
  allowedMethods?: Iterable<string> | null | undefined
  /**
   * Status codes retried (for `allowedMethods`), besides 413/429/503 with a `Retry-After` header when
   * `respectRetryAfterHeader`. Default none.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  statusForcelist?: Iterable<number> | undefined
  /** Backoff (ms) is `backoffFactor * 2 ** (consecutiveErrors - 1)`, capped by `backoffMax`. Default 0. */
  backoffFactor?: number | undefined
  /** Default 120 000 ms. Does not cap a `Retry-After` delay (see `retryAfterMax`). */
  backoffMax?: number | undefined
  /** Random extra delay in [0, backoffJitter) ms. Default 0. */
  backoffJitter?: number | undefined
  /**
   * Whether to wait as long as a `Retry-After` header asks (capped by `retryAfterMax`) before retrying 413,
   * 429 and 503. Default `true`.
   * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
   */
  respectRetryAfterHeader?: boolean | undefined
  /** Longest `Retry-After` delay honoured (ms); longer ones are shortened to it. Default 21 600 000 (6 h), as urllib3. */
  retryAfterMax?: number | undefined
  /**
   * Whether exhausting `redirect` throws `MaxRetryError` (`true`, the default) or returns the last 3xx
   * response.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  raiseOnRedirect?: boolean | undefined
  /**
   * Whether exhausting `status` retries throws `MaxRetryError` (`true`, the default) or returns the last
   * response.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  raiseOnStatus?: boolean | undefined
  /**
   * Headers (case-insensitive) dropped when a redirect leaves the origin. Default {@link
   * DEFAULT_REMOVE_HEADERS_ON_REDIRECT}.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  removeHeadersOnRedirect?: Iterable<string> | undefined
  /** Attempts made so far; set by {@link Retry.increment}, not usually by callers. */
  history?: readonly RequestHistory[] | undefined
}

/**
 * What {@link Retry.increment} needs from a response.
 *
 * @example
 * ```ts
 * retry.isRetry('GET', resp.status, resp.headers.has('retry-after'))
 * retry = retry.increment('GET', url, { response: resp })
 * ```
 */
export interface RetryResponse {
  /** Status code of the response. */
  readonly status: number
  /** Response headers, looked up case-insensitively. */
  readonly headers: {
    /** The value of header `name` (case-insensitive), or `undefined`. */
    get(name: string): string | undefined
  }
  /** The `Location` to follow if the status is a redirect, else `false`. */
  getRedirectLocation(): string | false
}

export const retrySchema = /* @__PURE__ */ s.lazy(() => {
  const count = s.union([nonNegativeInt(), s.literal(false), s.null()], {
    error: 'must be a non-negative integer, false or null',
  })
  const iterable = s.custom<Iterable<unknown>>(
    (v) => typeof v === 'object' && v !== null && Symbol.iterator in v,
    {
      error: 'must be an iterable',
    },
  )
  return s.strictObject(
    {
      total: s.optional(count),
      connect: s.optional(count),
      read: s.optional(count),
      redirect: s.optional(count),
      status: s.optional(
        s.union([nonNegativeInt(), s.null()], { error: 'must be a non-negative integer or null' }),
      ),
      other: s.optional(
        s.union([nonNegativeInt(), s.null()], { error: 'must be a non-negative integer or null' }),
      ),
      allowedMethods: s.optional(
        s.union([iterable, s.null()], { error: 'must be an iterable of methods or null' }),
      ),
      statusForcelist: s.optional(iterable),
      backoffFactor: s.optional(nonNegativeNumber()),
      backoffMax: s.optional(nonNegativeNumber()),
      backoffJitter: s.optional(nonNegativeNumber()),
      respectRetryAfterHeader: s.optional(bool()),
      retryAfterMax: s.optional(nonNegativeNumber()),
      raiseOnRedirect: s.optional(bool()),
      raiseOnStatus: s.optional(bool()),
      // No s.array() (an array is an iterable), so that `import { Retry }` stays small (issue 11 item 4).
      removeHeadersOnRedirect: s.optional(
        s.custom<Iterable<unknown>>((v) => typeof v === 'object' && v !== null && Symbol.iterator in v, {
          error: 'must be an iterable of header names',
        }),
      ),
      history: s.optional(
        s.custom<readonly RequestHistory[]>((v) => Array.isArray(v), {
          error: 'must be an array of RequestHistory',
        }),
      ),
    } satisfies { [K in keyof RetryOptions]-?: s.Schema },
    { error: 'must be a number, false, a Retry or RetryOptions' },
  )
})

/**
 * urllib3's `Retry.DEFAULT_ALLOWED_METHODS`.
 *
 * @example
 * ```ts
 * new Retry({ allowedMethods: [...DEFAULT_ALLOWED_METHODS, 'POST'] })
 * ```
 */
export const DEFAULT_ALLOWED_METHODS: ReadonlySet<string> = new Set([
  'HEAD',
  'GET',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
])
export const RETRY_AFTER_STATUS_CODES = new Set([413, 429, 503])
/**
 * urllib3's `Retry.DEFAULT_REMOVE_HEADERS_ON_REDIRECT` (compared case-insensitively).
 *
 * @example
 * ```ts
 * new Retry({ removeHeadersOnRedirect: [...DEFAULT_REMOVE_HEADERS_ON_REDIRECT, 'x-api-key'] })
 * ```
 */
export const DEFAULT_REMOVE_HEADERS_ON_REDIRECT: ReadonlySet<string> = new Set([
  'cookie',
  'authorization',
  'proxy-authorization',
])
