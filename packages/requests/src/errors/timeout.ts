import { ERR_REQUESTS_TIMEOUT, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The request timed out (base of `ConnectTimeout` and `ReadTimeout`; also raised when the total deadline passes).
 *
 * Code: `'ERR_REQUESTS_TIMEOUT'`.
 *
 * @example
 * ```ts
 * if (error instanceof Timeout) console.log('slow server')
 * ```
 */
export class Timeout extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.Timeout')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_TIMEOUT
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'Timeout'
}
