import { ERR_POOL_DECODE, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * The body could not be decoded (corrupt gzip/deflate/br/zstd, too many chained encodings, bad JSON).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof DecodeError) console.error(error.code) // 'ERR_POOL_DECODE'
 * }
 * ```
 */
export class DecodeError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.DecodeError')
  static override readonly code: PoolErrorCode = ERR_POOL_DECODE
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'DecodeError'
}
