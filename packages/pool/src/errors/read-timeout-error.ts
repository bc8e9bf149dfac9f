import { brand, hasBrand } from './brand.js'
import type { PoolErrorOptions } from './pool-error.js'
import { TimeoutError } from './timeout-error.js'

const kBrand = Symbol.for('@x/pool.ReadTimeoutError')

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
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ReadTimeoutError.prototype, 'name', {
      value: 'ReadTimeoutError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ReadTimeoutError.prototype, 'code', {
      value: 'ERR_POOL_READ_TIMEOUT',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
