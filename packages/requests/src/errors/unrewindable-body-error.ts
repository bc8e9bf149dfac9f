import { ERR_REQUESTS_UNREWINDABLE_BODY, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * A 307/308 redirect or an auth retry needs to resend a streamed body that has already been consumed.
 *
 * Code: `'ERR_REQUESTS_UNREWINDABLE_BODY'`.
 *
 * @example
 * ```ts
 * await s.post(url, { data: stream }).catch((e) => e instanceof UnrewindableBodyError)
 * ```
 */
export class UnrewindableBodyError extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.UnrewindableBodyError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_UNREWINDABLE_BODY
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'UnrewindableBodyError'
}
