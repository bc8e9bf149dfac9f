import { ERR_REQUESTS_CHUNKED_ENCODING, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The server closed the connection or sent broken chunked framing while the body was being read.
 *
 * Code: `'ERR_REQUESTS_CHUNKED_ENCODING'`.
 *
 * @example
 * ```ts
 * for await (const c of r.iterContent()) {} // may throw ChunkedEncodingError
 * ```
 */
export class ChunkedEncodingError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.ChunkedEncodingError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_CHUNKED_ENCODING
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ChunkedEncodingError'
}
