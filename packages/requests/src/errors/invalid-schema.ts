import { ERR_REQUESTS_INVALID_SCHEMA, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The URL scheme is not supported (no adapter is mounted for it), or a redirect points to a non-HTTP URL.
 *
 * Code: `'ERR_REQUESTS_INVALID_SCHEMA'`.
 *
 * @example
 * ```ts
 * await requests.get('ftp://127.0.0.1/').catch((e) => e instanceof InvalidSchema)
 * ```
 */
export class InvalidSchema extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.InvalidSchema')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_INVALID_SCHEMA
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidSchema'
}
