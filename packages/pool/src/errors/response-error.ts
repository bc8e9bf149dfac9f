import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.ResponseError')

/**
 * Used as \`MaxRetryError.reason\` when retries were exhausted because of status codes or redirects.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ResponseError) console.error(error.code) // 'ERR_POOL_RESPONSE'
 * }
 * ```
 */
export class ResponseError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ResponseError.prototype, 'name', {
      value: 'ResponseError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ResponseError.prototype, 'code', {
      value: 'ERR_POOL_RESPONSE',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
