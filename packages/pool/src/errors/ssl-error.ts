import { ERR_POOL_SSL, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * TLS failed: certificate verification, fingerprint mismatch, handshake error.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof SSLError) console.error(error.code) // 'ERR_POOL_SSL'
 * }
 * ```
 */
export class SSLError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.SSLError')
  static override readonly code: PoolErrorCode = ERR_POOL_SSL
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'SSLError'
}
