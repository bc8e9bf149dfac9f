import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.ResponseTooLargeError')

/**
 * The raw or decoded body exceeded \`maxResponseSize\` (or the default decoded-size limit).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ResponseTooLargeError) console.error(error.code) // 'ERR_POOL_RESPONSE_TOO_LARGE'
 * }
 * ```
 */
export class ResponseTooLargeError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ResponseTooLargeError.prototype, 'name', {
      value: 'ResponseTooLargeError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ResponseTooLargeError.prototype, 'code', {
      value: 'ERR_POOL_RESPONSE_TOO_LARGE',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
