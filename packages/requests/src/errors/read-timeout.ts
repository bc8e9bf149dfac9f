import { ERR_REQUESTS_READ_TIMEOUT, type RequestsErrorCode } from './codes.js'
import { Timeout } from './timeout.js'

/**
 * The server did not send data within the read timeout.
 *
 * Code: `'ERR_REQUESTS_READ_TIMEOUT'`.
 *
 * @example
 * ```ts
 * if (error instanceof ReadTimeout) console.log('server too slow')
 * ```
 */
export class ReadTimeout extends Timeout {
  static override readonly brand: symbol = Symbol.for('@x/requests.ReadTimeout')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_READ_TIMEOUT
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ReadTimeout'
}
