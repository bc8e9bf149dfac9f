import { ERR_POOL_EMPTY, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * A blocking pool had no free connection before the deadline.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof EmptyPoolError) console.error(error.code) // 'ERR_POOL_EMPTY'
 * }
 * ```
 */
export class EmptyPoolError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.EmptyPoolError')
  static override readonly code: PoolErrorCode = ERR_POOL_EMPTY
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'EmptyPoolError'
}
