import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.LocationParseError')

/**
 * A URL could not be parsed or contains forbidden characters. The message never contains credentials.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof LocationParseError) console.error(error.code) // 'ERR_POOL_LOCATION_PARSE'
 * }
 * ```
 */
export class LocationParseError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(LocationParseError.prototype, 'name', {
      value: 'LocationParseError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(LocationParseError.prototype, 'code', {
      value: 'ERR_POOL_LOCATION_PARSE',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
