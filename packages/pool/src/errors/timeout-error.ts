import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.TimeoutError')

/**
 * A timeout expired; raised as is for the total deadline (\`timeout.total\`). Base of the connect and read timeouts.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.error(error.code) // 'ERR_POOL_TIMEOUT'
 * }
 * ```
 */
export class TimeoutError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(TimeoutError.prototype, 'name', {
      value: 'TimeoutError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(TimeoutError.prototype, 'code', {
      value: 'ERR_POOL_TIMEOUT',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
