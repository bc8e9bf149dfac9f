import { ERR_POOL_RESPONSE, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * Used as \`MaxRetryError.reason\` when retries were exhausted because of status codes or redirects.
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
  override name = 'ResponseError'
}
