import { ERR_REQUESTS_URL_REQUIRED, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * A URL is required to make a request.
 *
 * Code: `'ERR_REQUESTS_URL_REQUIRED'`.
 *
 * @example
 * ```ts
 * await requests.get('').catch((e) => e instanceof URLRequired)
 * ```
 */
export class URLRequired extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.URLRequired')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_URL_REQUIRED
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'URLRequired'
}
