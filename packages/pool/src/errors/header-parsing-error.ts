import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.HeaderParsingError')

/**
 * The response head was malformed or too large.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof HeaderParsingError) console.error(error.code) // 'ERR_POOL_HEADER_PARSING'
 * }
 * ```
 */
export class HeaderParsingError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(HeaderParsingError.prototype, 'name', {
      value: 'HeaderParsingError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(HeaderParsingError.prototype, 'code', {
      value: 'ERR_POOL_HEADER_PARSING',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
