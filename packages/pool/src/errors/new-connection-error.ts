import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.NewConnectionError')

/**
 * A new connection could not be opened (refused, unreachable, reset during connect).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof NewConnectionError) console.error(error.code) // 'ERR_POOL_NEW_CONNECTION'
 * }
 * ```
 */
export class NewConnectionError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(NewConnectionError.prototype, 'name', {
      value: 'NewConnectionError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(NewConnectionError.prototype, 'code', {
      value: 'ERR_POOL_NEW_CONNECTION',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
