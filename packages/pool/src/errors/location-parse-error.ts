import { ERR_POOL_LOCATION_PARSE, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * A URL could not be parsed or contains forbidden characters. The message never contains credentials.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof LocationParseError) console.error(error.code) // 'ERR_POOL_LOCATION_PARSE'
 * }
 * ```
 */
export class LocationParseError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.LocationParseError')
  static override readonly code: PoolErrorCode = ERR_POOL_LOCATION_PARSE
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'LocationParseError'
}
