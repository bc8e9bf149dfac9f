import { ERR_REQUESTS_CONTENT_DECODING, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * The body could not be decoded (a broken gzip, deflate, brotli or zstd stream), or its decoded size passed
 * `maxResponseSize` (a compression bomb; the pool's `ResponseTooLargeError` is the `cause`).
 *
 * Code: `'ERR_REQUESTS_CONTENT_DECODING'`.
 *
 * @example
 * ```ts
 * await requests.get(url).catch((e) => e instanceof ContentDecodingError)
 * ```
 */
export class ContentDecodingError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.ContentDecodingError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_CONTENT_DECODING
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ContentDecodingError'
}
