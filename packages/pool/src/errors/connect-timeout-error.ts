import { ERR_POOL_CONNECT_TIMEOUT, type PoolErrorCode } from './codes.js'
import { TimeoutError } from './timeout-error.js'

/**
 * Opening the connection (TCP + TLS) took longer than \`timeout.connect\`.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ConnectTimeoutError) console.error(error.code) // 'ERR_POOL_CONNECT_TIMEOUT'
 * }
 * ```
 */
export class ConnectTimeoutError extends TimeoutError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ConnectTimeoutError')
  static override readonly code: PoolErrorCode = ERR_POOL_CONNECT_TIMEOUT
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ConnectTimeoutError'
}
