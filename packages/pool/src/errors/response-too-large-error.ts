import { ERR_POOL_RESPONSE_TOO_LARGE, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * The raw or decoded body exceeded \`maxResponseSize\` (or the default decoded-size limit).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ResponseTooLargeError) console.error(error.code) // 'ERR_POOL_RESPONSE_TOO_LARGE'
 * }
 * ```
 */
export class ResponseTooLargeError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ResponseTooLargeError')
  static override readonly code: PoolErrorCode = ERR_POOL_RESPONSE_TOO_LARGE
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ResponseTooLargeError'
}
