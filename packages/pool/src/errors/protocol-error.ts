import { brand, hasBrand } from './brand.js'
import { PoolError, type PoolErrorOptions } from './pool-error.js'

const kBrand = Symbol.for('@x/pool.ProtocolError')

/**
 * The connection broke or the server spoke invalid HTTP (bad framing, socket closed mid-response).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof ProtocolError) console.error(error.code) // 'ERR_POOL_PROTOCOL'
 * }
 * ```
 */
export class ProtocolError extends PoolError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kBrand)
  }

  static {
    Object.defineProperty(ProtocolError.prototype, 'name', {
      value: 'ProtocolError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(ProtocolError.prototype, 'code', {
      value: 'ERR_POOL_PROTOCOL',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options)
    brand(this, kBrand)
  }
}
