import { ERR_REQUESTS_INVALID_URL, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The URL cannot be parsed or is not allowed (bad host, bad port, escapes the session `baseUrl`).
 *
 * Code: `'ERR_REQUESTS_INVALID_URL'`.
 *
 * @example
 * ```ts
 * await requests.get('http://[bad/').catch((e) => e instanceof InvalidURL)
 * ```
 */
export class InvalidURL extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.InvalidURL')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_INVALID_URL
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidURL'
}
