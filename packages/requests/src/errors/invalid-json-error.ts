import { ERR_REQUESTS_INVALID_JSON, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The `json` option could not be serialized (a BigInt, a cycle), or a response failed its zod schema (`cause` is the `ZodError`).
 *
 * Code: `'ERR_REQUESTS_INVALID_JSON'`.
 *
 * @example
 * ```ts
 * await s.post(url, { json: { n: 1n } }).catch((e) => e instanceof InvalidJSONError)
 * ```
 */
export class InvalidJSONError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.InvalidJSONError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_INVALID_JSON
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidJSONError'
}
