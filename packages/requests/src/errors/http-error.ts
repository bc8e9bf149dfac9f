import { ERR_REQUESTS_HTTP, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * An HTTP error status (4xx/5xx), raised by `Response.raiseForStatus()`; `error.response` is the response.
 *
 * Code: `'ERR_REQUESTS_HTTP'`.
 *
 * @example
 * ```ts
 * try { r.raiseForStatus() } catch (e) { if (e instanceof HTTPError) console.log(e.response?.statusCode) }
 * ```
 */
export class HTTPError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.HTTPError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_HTTP
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'HTTPError'
}
