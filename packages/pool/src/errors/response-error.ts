import { ERR_POOL_RESPONSE, type PoolErrorCode } from './codes.js'
import type { RetryResponse } from '../retry-options.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

/**
 * Used as \`MaxRetryError.reason\` when retries were exhausted because of status codes or redirects; `response`
 * is the last response (status and headers; its body was drained to free the connection), non-enumerable.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ResponseError) console.error(error.code) // 'ERR_POOL_RESPONSE'
 * }
 * ```
 */
export class ResponseError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ResponseError')
  static override readonly code: PoolErrorCode = ERR_POOL_RESPONSE
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ResponseError'
  /** The last response, whose status ended the retries (non-enumerable). */
  declare readonly response: RetryResponse | undefined

  constructor(message: string, options?: PoolErrorOptions & { response?: RetryResponse | undefined }) {
    super(message, options)
    Object.defineProperty(this, 'response', { value: options?.response })
  }
}
