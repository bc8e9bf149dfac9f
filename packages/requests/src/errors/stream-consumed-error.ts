import { ERR_REQUESTS_STREAM_CONSUMED, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The body of this response has already been consumed (iterated twice, or read after iterating).
 *
 * Code: `'ERR_REQUESTS_STREAM_CONSUMED'`.
 *
 * @example
 * ```ts
 * for await (const c of r.iterContent()) {}; r.iterContent() // throws StreamConsumedError
 * ```
 */
export class StreamConsumedError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.StreamConsumedError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_STREAM_CONSUMED
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'StreamConsumedError'
}
