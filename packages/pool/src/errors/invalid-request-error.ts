import { ERR_POOL_INVALID_REQUEST, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * undici refused to put the request on the wire (an invalid header, method or path, a Content-Length that does
 * not match the body, an unsupported `Expect`); undici's error is the `cause`. Sending it again cannot help: it is
 * never retried.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidRequestError) console.error(error.code) // 'ERR_POOL_INVALID_REQUEST'
 * ```
 */
export class InvalidRequestError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.InvalidRequestError')
  static override readonly code: PoolErrorCode = ERR_POOL_INVALID_REQUEST
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidRequestError'
}
