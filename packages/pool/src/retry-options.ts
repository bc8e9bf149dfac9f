import * as z from 'zod/mini'
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
  connect?: number | false | null | undefined
  read?: number | false | null | undefined
  redirect?: number | false | null | undefined
  status?: number | null | undefined
  other?: number | null | undefined
  /** Methods retried on read errors and status codes; `null` retries any method. Default: idempotent methods. */
  allowedMethods?: Iterable<string> | null | undefined
  statusForcelist?: Iterable<number> | undefined
  /** Backoff (ms) is `backoffFactor * 2 ** (consecutiveErrors - 1)`, capped by `backoffMax`. Default 0. */
  backoffFactor?: number | undefined
  /** Default 120 000 ms. Does not cap a `Retry-After` delay (see `retryAfterMax`). */
  backoffMax?: number | undefined
  /** Random extra delay in [0, backoffJitter) ms. Default 0. */
  backoffJitter?: number | undefined
  respectRetryAfterHeader?: boolean | undefined
  /** Longest `Retry-After` delay honoured (ms); longer ones are shortened to it. Default 21 600 000 (6 h), as urllib3. */
  retryAfterMax?: number | undefined
  raiseOnRedirect?: boolean | undefined
  raiseOnStatus?: boolean | undefined
  removeHeadersOnRedirect?: Iterable<string> | undefined
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
  readonly status: number
  readonly headers: { get(name: string): string | undefined }
  getRedirectLocation(): string | false
}

const count = z.union([nonNegativeInt, z.literal(false), z.null()], {
  error: 'must be a non-negative integer, false or null',
})
const iterable = z.custom<Iterable<unknown>>(
  (v) => typeof v === 'object' && v !== null && Symbol.iterator in v,
  {
    error: 'must be an iterable',
  },
)
export const retrySchema = z.strictObject(
  {
    total: z.optional(count),
    connect: z.optional(count),
    read: z.optional(count),
    redirect: z.optional(count),
    status: z.optional(
      z.union([nonNegativeInt, z.null()], { error: 'must be a non-negative integer or null' }),
    ),
    other: z.optional(
      z.union([nonNegativeInt, z.null()], { error: 'must be a non-negative integer or null' }),
    ),
    allowedMethods: z.optional(
      z.union([iterable, z.null()], { error: 'must be an iterable of methods or null' }),
    ),
    statusForcelist: z.optional(iterable),
    backoffFactor: z.optional(nonNegativeNumber),
    backoffMax: z.optional(nonNegativeNumber),
    backoffJitter: z.optional(nonNegativeNumber),
    respectRetryAfterHeader: z.optional(bool),
    retryAfterMax: z.optional(nonNegativeNumber),
    raiseOnRedirect: z.optional(bool),
    raiseOnStatus: z.optional(bool),
    // No z.array() (an array is an iterable), so that `import { Retry }` stays small (issue 11 item 4).
    removeHeadersOnRedirect: z.optional(
      z.custom<Iterable<unknown>>((v) => typeof v === 'object' && v !== null && Symbol.iterator in v, {
        error: 'must be an iterable of header names',
      }),
    ),
    history: z.optional(
      z.custom<readonly RequestHistory[]>((v) => Array.isArray(v), {
        error: 'must be an array of RequestHistory',
      }),
    ),
  } satisfies { [K in keyof RetryOptions]-?: z.ZodMiniType },
  { error: 'must be a number, false, a Retry or RetryOptions' },
)

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
