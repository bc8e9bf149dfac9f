import { brand, hasBrand } from './brand.js'
import type { PoolErrorOptions } from './pool-error.js'
import { TimeoutError } from './timeout-error.js'

const kBrand = Symbol.for('@x/pool.ConnectTimeoutError')

/**
 * Opening the connection (TCP + TLS) took longer than \`timeout.connect\`.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ConnectTimeoutError) console.error(error.code) // 'ERR_POOL_CONNECT_TIMEOUT'
 * }
 * ```
 */
export class ConnectTimeoutError extends TimeoutError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ConnectTimeoutError.prototype, 'name', {
      value: 'ConnectTimeoutError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ConnectTimeoutError.prototype, 'code', {
      value: 'ERR_POOL_CONNECT_TIMEOUT',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
