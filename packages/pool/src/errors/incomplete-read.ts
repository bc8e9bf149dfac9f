import { brand, hasBrand } from './brand.js'
import type { PoolErrorOptions } from './pool-error.js'
import { ProtocolError } from './protocol-error.js'

const kBrand = Symbol.for('@x/pool.IncompleteRead')

/**
 * The body ended before Content-Length bytes were received.
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof IncompleteRead) console.error(error.code) // 'ERR_POOL_INCOMPLETE_READ'
 * }
 * ```
 */
export class IncompleteRead extends ProtocolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(IncompleteRead.prototype, 'name', {
      value: 'IncompleteRead',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(IncompleteRead.prototype, 'code', {
      value: 'ERR_POOL_INCOMPLETE_READ',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
