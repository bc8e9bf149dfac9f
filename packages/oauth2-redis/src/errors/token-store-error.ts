type Branded = { readonly brand: symbol }

/**
 * Base class of the errors of `@x/oauth2-redis`; `code` says which (see codes.ts). `instanceof` works across two
 * installed copies of the package: each class has a `Symbol.for` brand that its instances carry.
 */
export class TokenStoreError extends Error {
  /** The `Symbol.for` brand behind `instanceof` (each subclass has its own). */
  static readonly brand: symbol = Symbol.for('@x/oauth2-redis.TokenStoreError')
  /**
   * The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract.
   */
  override name: string = 'TokenStoreError'
  /**
   * Stable machine-readable code: `'ERR_TOKEN_STORE_UNAVAILABLE'`, `'ERR_TOKEN_STORE_DECRYPT'` or
   * `'ERR_TOKEN_STORE_TIMEOUT'` (an own property, so logs and `JSON.stringify` show it).
   */
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    for (let c = new.target as unknown as Branded | null; c; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) Object.defineProperty(this, c.brand, { value: true })
    }
  }

  /** `instanceof` by brand: holds across two installed copies of the package. */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    // `this` is the class `instanceof` was asked about: each subclass checks its own brand.
    // biome-ignore lint/complexity/noThisInStatic: intentional, see above
    const brand = (this as unknown as Branded).brand
    return (
      typeof instance === 'object' &&
      instance !== null &&
      (instance as Record<symbol, unknown>)[brand] === true
    )
  }
}
