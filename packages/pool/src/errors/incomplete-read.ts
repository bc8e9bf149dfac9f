import { ERR_POOL_INCOMPLETE_READ, type PoolErrorCode } from './codes.js'
import { ProtocolError } from './protocol-error.js'

/**
 * The body ended before Content-Length bytes were received.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof IncompleteRead) console.error(error.code) // 'ERR_POOL_INCOMPLETE_READ'
 * }
 * ```
 */
export class IncompleteRead extends ProtocolError {
  static override readonly brand: symbol = Symbol.for('@x/pool.IncompleteRead')
  static override readonly code: PoolErrorCode = ERR_POOL_INCOMPLETE_READ
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'IncompleteRead'
}
