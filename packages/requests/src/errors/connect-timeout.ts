import { ERR_REQUESTS_CONNECT_TIMEOUT, type RequestsErrorCode } from './codes.js'
import { ConnectionError } from './connection-error.js'
import { Timeout } from './timeout.js'

/**
 * Connecting timed out. Both a `ConnectionError` and a `Timeout`, as in requests; safe to retry.
 *
 * Code: `'ERR_REQUESTS_CONNECT_TIMEOUT'`.
 *
 * @example
 * ```ts
 * if (error instanceof ConnectTimeout && error instanceof Timeout) console.log('retry')
 * ```
 */
export class ConnectTimeout extends ConnectionError {
  static override readonly brand: symbol = Symbol.for('@x/requests.ConnectTimeout')
  static override readonly alsoBrands: readonly symbol[] = [Timeout.brand]
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_CONNECT_TIMEOUT
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ConnectTimeout'
}
