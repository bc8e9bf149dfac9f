import { ERR_POOL_TIMEOUT, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * A timeout expired; raised as is for the total deadline (\`timeout.total\`). Base of the connect and read timeouts.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.error(error.code) // 'ERR_POOL_TIMEOUT'
 * }
 * ```
 */
export class TimeoutError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.TimeoutError')
  static override readonly code: PoolErrorCode = ERR_POOL_TIMEOUT
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'TimeoutError'
}
