import { ERR_REQUESTS_CONNECTION, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The connection failed: refused, reset, DNS failure, a closed pool, a protocol error before the response.
 *
 * Code: `'ERR_REQUESTS_CONNECTION'`.
 *
 * @example
 * ```ts
 * await requests.get(url).catch((e) => { if (e instanceof ConnectionError) console.log('offline') })
 * ```
 */
export class ConnectionError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.ConnectionError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_CONNECTION
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ConnectionError'
}
