import { setTimeout as sleep } from 'node:timers/promises'
import { ConnectTimeoutError } from './errors/connect-timeout-error.js'
import { MaxRetryError } from './errors/max-retry-error.js'
import { NewConnectionError } from './errors/new-connection-error.js'
import { ProtocolError } from './errors/protocol-error.js'
import { ProxyError } from './errors/proxy-error.js'
import { ReadTimeoutError } from './errors/read-timeout-error.js'
import { ResponseError } from './errors/response-error.js'
import { parseOptions } from './invalid-arg.js'
import type { RequestHistory } from './request-history.js'
import { parseRetryAfter } from './retry-after.js'
import {
  DEFAULT_ALLOWED_METHODS,
  DEFAULT_REMOVE_HEADERS_ON_REDIRECT,
  RETRY_AFTER_STATUS_CODES,
  type RetryOptions,
  type RetryResponse,
  retrySchema,
} from './retry-options.js'

const kRetry = Symbol.for('@x/pool.Retry')

/**
 * The sets a Retry built from its options (normalised, never changed afterwards). `Retry.new()` and `increment()`
 * hand them to the copy as they are, as urllib3's `Retry.new` does, instead of building them again at every
 * redirect and retry; a set of the caller's own is copied.
 */
const ownSets = new WeakSet<ReadonlySet<unknown>>()
function ownSet<T>(values: Iterable<T>, normalise: (value: T) => T): ReadonlySet<T> {
  if (values instanceof Set && ownSets.has(values)) return values
  const set = new Set<T>()
  for (const value of values) set.add(normalise(value))
  ownSets.add(set)
  return set
}
const NO_STATUSES: ReadonlySet<number> = ownSet<number>([], (status) => status)
/** Set by `increment()` for the next construction: a copy whose sets come from a Retry as they are. */
let copying = false
const below0 = (count: number | false | null): boolean => typeof count === 'number' && count < 0
type Count = number | false | null

/**
 * Retry configuration, immutable like urllib3's `Retry`: {@link Retry.increment} returns a new instance with the
 * counters decremented and the attempt appended to `history`, or throws `MaxRetryError` when exhausted.
 *
 * @example
 * ```ts
 * const retries = new Retry({ total: 5, backoffFactor: 100, statusForcelist: [502, 503, 504] })
 * const pm = new PoolManager({ retries })
 * const resp = await pm.request('GET', url)
 * resp.retries?.history // one entry per retried attempt
 * ```
 */
export class Retry {
  /**
   * Attempts left after this one across all kinds; `null` unlimited, `false` no retries. See {@link
   * RetryOptions.total}.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  readonly total: Count
  /** Connection-error retries left; `null` limited only by `total`. See {@link RetryOptions.connect}. */
  readonly connect: Count
  /** Read-error retries left; `null` limited only by `total`. See {@link RetryOptions.read}. */
  readonly read: Count
  /** Redirects left to follow; `null` limited only by `total`. See {@link RetryOptions.redirect}. */
  readonly redirect: Count
  /** Status retries left; `null` limited only by `total`. See {@link RetryOptions.status}. */
  readonly status: number | null
  /** Retries left for other errors; `null` limited only by `total`. See {@link RetryOptions.other}. */
  readonly other: number | null
  /**
   * Upper-cased methods retried on read errors and statuses; `null` for any method. Default {@link
   * DEFAULT_ALLOWED_METHODS}.
   */
  readonly allowedMethods: ReadonlySet<string> | null
  /** Status codes retried for allowed methods. See {@link RetryOptions.statusForcelist}. */
  readonly statusForcelist: ReadonlySet<number>
  /** Base of the exponential backoff, in ms. See {@link RetryOptions.backoffFactor}. */
  readonly backoffFactor: number
  /** Cap on the backoff, in ms (default 120 000). */
  readonly backoffMax: number
  /** Upper bound of the random delay added to the backoff, in ms (default 0). */
  readonly backoffJitter: number
  /**
   * Whether a `Retry-After` header sets the delay before the next attempt (default `true`).
   * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
   */
  readonly respectRetryAfterHeader: boolean
  /** Cap on a `Retry-After` delay (ms), separate from `backoffMax` as in urllib3. Default 6 hours. */
  readonly retryAfterMax: number
  /** Whether exhausted redirects throw `MaxRetryError` rather than return the 3xx response. */
  readonly raiseOnRedirect: boolean
  /** Whether exhausted status retries throw `MaxRetryError` rather than return the response. */
  readonly raiseOnStatus: boolean
  /** Lower-cased header names dropped when a redirect leaves the origin. */
  readonly removeHeadersOnRedirect: ReadonlySet<string>
  /** One entry per attempt recorded by {@link Retry.increment}, oldest first. */
  readonly history: readonly RequestHistory[]

  /** urllib3's `Retry.DEFAULT_RETRY_AFTER_MAX` (21 600 s), in milliseconds. */
  static readonly DEFAULT_RETRY_AFTER_MAX = 21_600_000

  static #default: Retry | undefined

  /** urllib3's `Retry.DEFAULT`: 3 retries (built on first use: nothing is validated at import). */
  static get DEFAULT(): Retry {
    if (Retry.#default === undefined) Retry.#default = new Retry({ total: 3 })
    return Retry.#default
  }

  /** `instanceof` that holds across two installed copies of `@x/pool` (a `Symbol.for` brand). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && kRetry in value
  }

  constructor(options: RetryOptions = {}) {
    // A copy made by increment() takes the sets of the Retry it copies as they are (no lookups).
    const copy = copying
    copying = false
    if (options.history === undefined) parseOptions(retrySchema, options)
    const o = options
    this.total = o.total === undefined ? 10 : o.total
    let redirect: Count = o.redirect ?? null
    let raiseOnRedirect = o.raiseOnRedirect ?? true
    if (redirect === false || this.total === false) {
      redirect = 0
      raiseOnRedirect = false
    }
    this.connect = o.connect ?? null
    this.read = o.read ?? null
    this.redirect = redirect
    this.status = o.status ?? null
    this.other = o.other ?? null
    this.allowedMethods =
      o.allowedMethods === null
        ? null
        : o.allowedMethods === undefined
          ? DEFAULT_ALLOWED_METHODS
          : copy
            ? (o.allowedMethods as ReadonlySet<string>)
            : ownSet(o.allowedMethods, (m) => m.toUpperCase())
    this.statusForcelist =
      o.statusForcelist === undefined
        ? NO_STATUSES
        : copy
          ? (o.statusForcelist as ReadonlySet<number>)
          : ownSet(o.statusForcelist, (status) => status)
    this.backoffFactor = o.backoffFactor ?? 0
    this.backoffMax = o.backoffMax ?? 120_000
    this.backoffJitter = o.backoffJitter ?? 0
    this.respectRetryAfterHeader = o.respectRetryAfterHeader ?? true
    this.retryAfterMax = o.retryAfterMax ?? Retry.DEFAULT_RETRY_AFTER_MAX
    this.raiseOnRedirect = raiseOnRedirect
    this.raiseOnStatus = o.raiseOnStatus ?? true
    this.removeHeadersOnRedirect =
      copy && o.removeHeadersOnRedirect !== undefined
        ? (o.removeHeadersOnRedirect as ReadonlySet<string>)
        : ownSet(o.removeHeadersOnRedirect ?? DEFAULT_REMOVE_HEADERS_ON_REDIRECT, (h) => h.toLowerCase())
    this.history = o.history ?? []
  }

  static {
    // On the prototype: every Retry, of any copy of this package, answers isRetry() without a property per instance.
    Object.defineProperty(Retry.prototype, kRetry, { value: true })
  }

  /**
   * Normalises the `retries` option like urllib3's `Retry.from_int`: a `Retry` as is, a number as
   * `new Retry({ total: n })`, `false` as "no retries, redirects returned as responses", `undefined` as `fallback`.
   */
  static from(retries: number | Retry | false | undefined, fallback?: Retry): Retry {
    if (retries === undefined) return fallback ?? Retry.DEFAULT
    if (retries instanceof Retry) return retries
    if (retries === false) {
      if (noRetry === undefined) noRetry = new Retry({ total: false })
      return noRetry
    }
    return new Retry({ total: retries })
  }

  /** A copy with some fields replaced (urllib3's `Retry.new`). */
  new(overrides: RetryOptions): Retry {
    return new Retry({ ...this.#fields(), ...overrides })
  }

  /** This Retry's settings as options for a copy (a fresh object of one fixed shape). */
  #fields() {
    return {
      total: this.total,
      connect: this.connect,
      read: this.read,
      redirect: this.redirect,
      status: this.status,
      other: this.other,
      allowedMethods: this.allowedMethods,
      statusForcelist: this.statusForcelist,
      backoffFactor: this.backoffFactor,
      backoffMax: this.backoffMax,
      backoffJitter: this.backoffJitter,
      respectRetryAfterHeader: this.respectRetryAfterHeader,
      retryAfterMax: this.retryAfterMax,
      raiseOnRedirect: this.raiseOnRedirect,
      raiseOnStatus: this.raiseOnStatus,
      removeHeadersOnRedirect: this.removeHeadersOnRedirect,
      history: this.history,
    }
  }

  /** Whether `method` may be retried on read errors and statuses. */
  isMethodRetryable(method: string): boolean {
    return this.allowedMethods === null || this.allowedMethods.has(method.toUpperCase())
  }

  /** Whether a response with this status should be retried (urllib3's `is_retry`). */
  isRetry(method: string, status: number, hasRetryAfter = false): boolean {
    if (!this.isMethodRetryable(method)) return false
    if (this.statusForcelist.has(status)) return true
    return (
      !!this.total && this.respectRetryAfterHeader && hasRetryAfter && RETRY_AFTER_STATUS_CODES.has(status)
    )
  }

  /**
   * Whether any counter went below zero (urllib3's `is_exhausted`).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
   */
  isExhausted(): boolean {
    return (
      below0(this.total) ||
      below0(this.connect) ||
      below0(this.read) ||
      below0(this.redirect) ||
      below0(this.status) ||
      below0(this.other)
    )
  }

  /**
   * Records one failed attempt and returns the next `Retry`. Throws `error` itself when it may not be retried
   * (a read error on a non-idempotent method, `connect: false`, `total: false`), or `MaxRetryError` when
   * exhausted.
   */
  increment(method: string, url: string, outcome: { response?: RetryResponse; error?: Error }): Retry {
    const { response, error } = outcome
    if (this.total === false && error) throw error
    // urllib3: `False - 1 == -1`, so a disabled Retry is exhausted by its first increment.
    const total: Count =
      this.total === false ? -1 : typeof this.total === 'number' ? this.total - 1 : this.total
    let { connect, read, redirect, status, other } = this
    let cause = 'unknown'
    let statusCode: number | undefined
    const redirectLocation = error ? undefined : response?.getRedirectLocation() || undefined
    if (error && isConnectionError(error)) {
      if (connect === false) throw error
      if (connect !== null) connect--
    } else if (error && isReadError(error)) {
      if (read === false || !this.isMethodRetryable(method)) throw error
      if (read !== null) read--
    } else if (error) {
      if (other !== null) other--
    } else if (redirectLocation !== undefined) {
      if (redirect !== null && redirect !== false) redirect--
      cause = 'too many redirects'
      statusCode = response!.status
    } else if (response) {
      if (status !== null) status--
      cause = `too many ${response.status} error responses`
      statusCode = response.status
    }
    const history = [...this.history, { method, url, error, status: statusCode, redirectLocation }]
    // Fields set on one fresh object (not `new()`'s spreads): a redirect chain increments once per hop.
    const fields = this.#fields()
    fields.total = total
    fields.connect = connect
    fields.read = read
    fields.redirect = redirect
    fields.status = status
    fields.other = other
    fields.history = history
    copying = true
    const retry = new Retry(fields)
    if (retry.isExhausted())
      throw new MaxRetryError(url, error ?? new ResponseError(cause, { response }), history)
    return retry
  }

  /** Backoff (ms) for the current run of consecutive errors (redirects reset it), like urllib3. */
  getBackoffTime(): number {
    let consecutive = 0
    for (let i = this.history.length - 1; i >= 0 && this.history[i]!.redirectLocation === undefined; i--)
      consecutive++
    if (consecutive <= 1) return 0
    let backoff = this.backoffFactor * 2 ** (consecutive - 1)
    if (this.backoffJitter > 0) backoff += Math.random() * this.backoffJitter
    return Math.max(0, Math.min(this.backoffMax, backoff))
  }

  /** `Retry-After` of `response` in ms (seconds or HTTP date), capped by `retryAfterMax`; undefined when absent. */
  getRetryAfter(response: RetryResponse): number | undefined {
    const header = response.headers.get('retry-after')
    if (header === undefined) return undefined
    const delay = parseRetryAfter(header)
    return delay === undefined ? undefined : Math.min(delay, this.retryAfterMax)
  }

  /** The delay (ms) before the next attempt: `Retry-After` when respected and present, else the backoff. */
  delayFor(response?: RetryResponse): number {
    if (this.respectRetryAfterHeader && response) {
      const after = this.getRetryAfter(response)
      if (after !== undefined) return after
    }
    return this.getBackoffTime()
  }

  /** Waits {@link Retry.delayFor} milliseconds (abortable). */
  async sleep(response?: RetryResponse, signal?: AbortSignal): Promise<void> {
    const delay = this.delayFor(response)
    if (delay > 0) await sleep(delay, undefined, signal ? { signal } : undefined)
  }

  /** urllib3's repr: `Retry(total=…, connect=…, read=…, redirect=…, status=…)`. */
  toString(): string {
    return `Retry(total=${this.total}, connect=${this.connect}, read=${this.read}, redirect=${this.redirect}, status=${this.status})`
  }
}

function isConnectionError(error: Error): boolean {
  return (
    error instanceof ConnectTimeoutError || error instanceof NewConnectionError || error instanceof ProxyError
  )
}

function isReadError(error: Error): boolean {
  return error instanceof ReadTimeoutError || error instanceof ProtocolError
}

/** `retries: false`, built on first use. */
let noRetry: Retry | undefined
