import { ERR_REQUESTS_MISSING_SCHEMA, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The URL has no scheme (`example.com/path`).
 *
 * Code: `'ERR_REQUESTS_MISSING_SCHEMA'`.
 *
 * @example
 * ```ts
 * await requests.get('example.test/x').catch((e) => e instanceof MissingSchema)
 * ```
 */
export class MissingSchema extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.MissingSchema')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_MISSING_SCHEMA
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'MissingSchema'
}
