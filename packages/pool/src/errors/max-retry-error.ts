import type { RequestHistory } from '../request-history.js'
import { redactUrl } from '../redact.js'
import { ERR_POOL_MAX_RETRY, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * Retries were exhausted. `reason` is the last error (a `ResponseError` when the last attempt got a status in
 * `statusForcelist` or a redirect), `url` the URL without credentials nor query string (`scheme://host:port/path`), `history` every attempt
 * (non-enumerable, full URLs).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', `${base}/status/503`, { retries: new Retry({ total: 2, statusForcelist: [503] }) })
 * } catch (error) {
 *   if (error instanceof MaxRetryError) console.log(error.reason?.message, error.history.length) // 3 attempts
 * }
 * ```
 */
export class MaxRetryError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.MaxRetryError')
  static override readonly code: PoolErrorCode = ERR_POOL_MAX_RETRY
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'MaxRetryError'
  /** The request URL, redacted: no credentials, query values redacted, no fragment. */
  readonly url: string
  /**
   * The error of the last attempt (urllib3's `reason`): a `ResponseError` when it got a retried status or a
   * redirect.
   */
  readonly reason: Error | undefined
  /** Every attempt, oldest first, with full URLs (non-enumerable, so it stays out of logs). */
  declare readonly history: readonly RequestHistory[]

  constructor(url: string, reason: Error | undefined, history: readonly RequestHistory[] = []) {
    // Errors get logged: the stack's redaction policy (no credentials, query values redacted, no fragment).
    url = redactUrl(url)
    const caused = reason ? `${reason.name}: ${reason.message}` : 'unknown'
    super(`Max retries exceeded with url: ${url} (Caused by ${caused})`, { cause: reason })
    this.url = url
    this.reason = reason
    Object.defineProperty(this, 'history', { value: history })
  }
}
