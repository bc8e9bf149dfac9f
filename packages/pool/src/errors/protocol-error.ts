import { ERR_POOL_PROTOCOL, type PoolErrorCode } from './codes.js'
import { PoolError } from './pool-error.js'

/**
 * The connection broke or the server spoke invalid HTTP (bad framing, socket closed mid-response).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ProtocolError) console.error(error.code) // 'ERR_POOL_PROTOCOL'
 * }
 * ```
 */
export class ProtocolError extends PoolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ProtocolError')
  static override readonly code: PoolErrorCode = ERR_POOL_PROTOCOL
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ProtocolError'
}
