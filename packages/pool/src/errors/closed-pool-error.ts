import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.ClosedPoolError')

/**
 * The pool or manager was closed.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ClosedPoolError) console.error(error.code) // 'ERR_POOL_CLOSED'
 * }
 * ```
 */
export class ClosedPoolError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ClosedPoolError.prototype, 'name', {
      value: 'ClosedPoolError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ClosedPoolError.prototype, 'code', {
      value: 'ERR_POOL_CLOSED',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
