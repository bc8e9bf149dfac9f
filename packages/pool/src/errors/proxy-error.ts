import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.ProxyError')

/**
 * The proxy refused or failed the connection (CONNECT not 2xx, SOCKS failure, proxy unreachable).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ProxyError) console.error(error.code) // 'ERR_POOL_PROXY'
 * }
 * ```
 */
export class ProxyError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ProxyError.prototype, 'name', {
      value: 'ProxyError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ProxyError.prototype, 'code', {
      value: 'ERR_POOL_PROXY',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
