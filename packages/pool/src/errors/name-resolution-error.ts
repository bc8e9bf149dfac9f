import { brand, hasBrand } from './brand.js'
import type { PoolErrorOptions } from './pool-error.js'
import { NewConnectionError } from './new-connection-error.js'

const kBrand = Symbol.for('@x/pool.NameResolutionError')

/**
 * The host name could not be resolved.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof NameResolutionError) console.error(error.code) // 'ERR_POOL_NAME_RESOLUTION'
 * }
 * ```
 */
export class NameResolutionError extends NewConnectionError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(NameResolutionError.prototype, 'name', {
      value: 'NameResolutionError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(NameResolutionError.prototype, 'code', {
      value: 'ERR_POOL_NAME_RESOLUTION',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
