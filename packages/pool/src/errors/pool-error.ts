import { brandError, hasErrorBrand } from './brand.js'
import { ERR_POOL, type PoolErrorCode } from './codes.js'

/**
 * Options accepted by every {@link PoolError} constructor.
 *
 * @example
 * ```ts
 * throw new ProtocolError('connection reset', { cause: error })
 * ```
 */
export interface PoolErrorOptions {
  /** The lower-level error this one translates, kept as the standard `Error.cause`. */
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
  /** The `Symbol.for` brand behind `instanceof` (each subclass has its own). */
  static readonly brand: symbol = Symbol.for('@x/pool.PoolError')
  /** The `code` of this class's errors. */
  static readonly code: PoolErrorCode = ERR_POOL

  /**
   * `instanceof` by brand, so it holds across two installed copies of the package and for errors of a layer
   * above that translate this one.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` is asked about
    return hasErrorBrand(value, this.brand)
  }

  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'PoolError'
  /** Stable machine-readable code (an own property, so logs and `JSON.stringify` show it). */
  readonly code: PoolErrorCode

  constructor(message: string, options?: PoolErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    const ctor = new.target as unknown as typeof PoolError
    this.code = ctor.code
    brandError(this, ctor, options?.cause)
  }
}
