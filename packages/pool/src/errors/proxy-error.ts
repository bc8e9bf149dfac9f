import { ERR_POOL_PROXY, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * The proxy refused or failed the connection (CONNECT not 2xx, SOCKS failure, proxy unreachable).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ProxyError) console.error(error.code) // 'ERR_POOL_PROXY'
 * }
 * ```
 */
export class ProxyError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ProxyError')
  static override readonly code: PoolErrorCode = ERR_POOL_PROXY
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ProxyError'
}
