import { ERR_POOL_HEADER_PARSING, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * The response head was malformed or too large.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof HeaderParsingError) console.error(error.code) // 'ERR_POOL_HEADER_PARSING'
 * }
 * ```
 */
export class HeaderParsingError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.HeaderParsingError')
  static override readonly code: PoolErrorCode = ERR_POOL_HEADER_PARSING
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'HeaderParsingError'
}
