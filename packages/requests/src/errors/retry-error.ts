import { ERR_REQUESTS_RETRY, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The adapter retries were exhausted on retryable statuses (urllib3 `ResponseError`).
 *
 * Code: `'ERR_REQUESTS_RETRY'`.
 *
 * @example
 * ```ts
 * new HTTPAdapter({ maxRetries: new Retry({ total: 2, statusForcelist: [503] }) })
 * ```
 */
export class RetryError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.RetryError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_RETRY
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'RetryError'
}
