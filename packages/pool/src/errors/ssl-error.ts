import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.SSLError')

/**
 * TLS failed: certificate verification, fingerprint mismatch, handshake error.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof SSLError) console.error(error.code) // 'ERR_POOL_SSL'
 * }
 * ```
 */
export class SSLError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(SSLError.prototype, 'name', {
      value: 'SSLError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(SSLError.prototype, 'code', {
      value: 'ERR_POOL_SSL',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
