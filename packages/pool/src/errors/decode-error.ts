import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.DecodeError')

/**
 * The body could not be decoded (corrupt gzip/deflate/br/zstd, too many chained encodings, bad JSON).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof DecodeError) console.error(error.code) // 'ERR_POOL_DECODE'
 * }
 * ```
 */
export class DecodeError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(DecodeError.prototype, 'name', {
      value: 'DecodeError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(DecodeError.prototype, 'code', {
      value: 'ERR_POOL_DECODE',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
