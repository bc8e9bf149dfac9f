import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.EmptyPoolError')

/**
 * A blocking pool had no free connection before the deadline.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof EmptyPoolError) console.error(error.code) // 'ERR_POOL_EMPTY'
 * }
 * ```
 */
export class EmptyPoolError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(EmptyPoolError.prototype, 'name', {
      value: 'EmptyPoolError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(EmptyPoolError.prototype, 'code', {
      value: 'ERR_POOL_EMPTY',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
