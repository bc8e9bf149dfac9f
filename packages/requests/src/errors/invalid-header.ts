import { ERR_REQUESTS_INVALID_HEADER, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * A header name or value is not a string or contains CR, LF or NUL.
 *
 * Code: `'ERR_REQUESTS_INVALID_HEADER'`.
 *
 * @example
 * ```ts
 * await requests.get(url, { headers: { x: 'a\\nb' } }).catch((e) => e instanceof InvalidHeader)
 * ```
 */
export class InvalidHeader extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.InvalidHeader')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_INVALID_HEADER
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidHeader'
}
