import { ERR_POOL_CLOSED, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * The pool or manager was closed.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ClosedPoolError) console.error(error.code) // 'ERR_POOL_CLOSED'
 * }
 * ```
 */
export class ClosedPoolError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ClosedPoolError')
  static override readonly code: PoolErrorCode = ERR_POOL_CLOSED
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ClosedPoolError'
}
