import { ERR_POOL_READ_TIMEOUT, type PoolErrorCode } from './codes.js'
import { TimeoutError } from './timeout-error.js'

/**
 * The server sent nothing for longer than \`timeout.read\` (waiting for headers or between body bytes).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ReadTimeoutError) console.error(error.code) // 'ERR_POOL_READ_TIMEOUT'
 * }
 * ```
 */
export class ReadTimeoutError extends TimeoutError {
  static override readonly brand: symbol = Symbol.for('@x/pool.ReadTimeoutError')
  static override readonly code: PoolErrorCode = ERR_POOL_READ_TIMEOUT
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'ReadTimeoutError'
}
