import { brand, hasBrand } from './brand.js'

const kPoolError = Symbol.for('@x/pool.PoolError')

/**
 * Options accepted by every {@link PoolError} constructor.
 *
 * @example
 * ```ts
 * throw new ProtocolError('connection reset', { cause: error })
 * ```
 */
export interface PoolErrorOptions {
  cause?: unknown
}

/**
 * Base class of every error raised by `@x/pool`. `code` is the stable contract; `instanceof` also works across
 * two installed copies of the package (it checks a `Symbol.for` brand).
 *
 * @example
 * ```ts
 * try {
 *   await pm.request('GET', url)
 * } catch (error) {
 *   if (error instanceof PoolError) console.error(error.code, error.cause)
 * }
 * ```
 */
export class PoolError extends Error {
  declare readonly code: string

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, kPoolError)
  }

  static {
    Object.defineProperty(PoolError.prototype, 'name', {
      value: 'PoolError',
      writable: true,
      configurable: true,
    })
    Object.defineProperty(PoolError.prototype, 'code', {
      value: 'ERR_POOL',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    brand(this, kPoolError)
  }
}
