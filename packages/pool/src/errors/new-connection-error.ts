import { ERR_POOL_NEW_CONNECTION, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * A new connection could not be opened (refused, unreachable, reset during connect).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof NewConnectionError) console.error(error.code) // 'ERR_POOL_NEW_CONNECTION'
 * }
 * ```
 */
export class NewConnectionError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.NewConnectionError')
  static override readonly code: PoolErrorCode = ERR_POOL_NEW_CONNECTION
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'NewConnectionError'
}
