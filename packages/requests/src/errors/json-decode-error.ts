import { ERR_REQUESTS_JSON_DECODE, type RequestsErrorCode } from './codes.js'
import { InvalidJSONError } from './invalid-json-error.js'

/**
 * `Response.json()` could not parse the body as JSON (an `InvalidJSONError`).
 *
 * Code: `'ERR_REQUESTS_JSON_DECODE'`.
 *
 * @example
 * ```ts
 * r.json() // throws JSONDecodeError on '<html>'
 * ```
 */
export class JSONDecodeError extends InvalidJSONError {
  static override readonly brand: symbol = Symbol.for('@x/requests.JSONDecodeError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_JSON_DECODE
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'JSONDecodeError'
}
