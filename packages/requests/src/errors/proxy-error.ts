import { ERR_REQUESTS_PROXY, type RequestsErrorCode } from './codes.js'
import { ConnectionError } from './connection-error.js'

/**
 * The proxy refused or failed the request (a `ConnectionError`).
 *
 * Code: `'ERR_REQUESTS_PROXY'`.
 *
 * @example
 * ```ts
 * if (error instanceof ProxyError) console.log('check the proxy settings')
 * ```
 */
export class ProxyError extends ConnectionError {
  static override readonly brand: symbol = Symbol.for('@x/requests.ProxyError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_PROXY
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ProxyError'
}
