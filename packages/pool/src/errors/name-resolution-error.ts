import { ERR_POOL_NAME_RESOLUTION, type PoolErrorCode } from './codes.js'
import { NewConnectionError } from './new-connection-error.js'

/**
 * The host name could not be resolved.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof NameResolutionError) console.error(error.code) // 'ERR_POOL_NAME_RESOLUTION'
 * }
 * ```
 */
export class NameResolutionError extends NewConnectionError {
  static override readonly brand: symbol = Symbol.for('@x/pool.NameResolutionError')
  static override readonly code: PoolErrorCode = ERR_POOL_NAME_RESOLUTION
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'NameResolutionError'
}
