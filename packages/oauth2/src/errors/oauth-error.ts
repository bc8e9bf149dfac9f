/** Options accepted by every {@link OAuthError} constructor. */
export interface OAuthErrorOptions {
  /** `error_description` from the server, or a short human explanation. Never contains secrets. */
  description?: string | undefined
  /** `error_uri` from the server. */
  uri?: string | undefined
  /** HTTP status of the response that carried the error, when there was one. */
  status?: number | undefined
  /** The `@x/requests` Response (attached non-enumerably, so it never shows in logs). */
  response?: unknown
  /** The error below this one (a `@x/requests` error, a `jose` error...). */
  cause?: unknown
}

type Branded = { readonly brand: symbol }

/**
 * Base class of every error thrown by `@x/oauth2`, and the class of errors reported by an OAuth server
 * (`{"error": "invalid_grant", "error_description": "..."}`).
 *
 * The message is `error: description`, as Authlib prints it. `code` is the stable contract; `instanceof`
 * works across two installed copies of the package (a `Symbol.for` brand backs it).
 *
 * @example
 * ```ts
 * try {
 *   await client.refreshToken(tokenUrl)
 * } catch (e) {
 *   if (e instanceof OAuthError && e.error === 'invalid_grant') console.log(String(e)) // OAuthError: invalid_grant: Session not active
 * }
 * ```
 */
export class OAuthError extends Error {
  static readonly brand: symbol = Symbol.for('@x/oauth2.OAuthError')
  static readonly code: string = 'ERR_OAUTH'

  override name = 'OAuthError'
  /** Stable machine-readable code (`ERR_OAUTH` for errors reported by the server). */
  readonly code: string = 'ERR_OAUTH'
  /** The OAuth `error` code (`invalid_grant`, `access_denied`, ...). */
  readonly error: string
  /** The `error_description`, if any. */
  readonly description: string | undefined
  /** The `error_uri`, if any. */
  readonly uri: string | undefined
  /** HTTP status of the response, if the error came in one. */
  readonly status: number | undefined
  /** The response the error came in (non-enumerable). */
  declare readonly response: unknown

  constructor(error: string, options: OAuthErrorOptions = {}) {
    const { description, uri, status, response, cause } = options
    super(description ? `${error}: ${description}` : error, cause === undefined ? undefined : { cause })
    this.error = error
    this.description = description
    this.uri = uri
    this.status = status
    Object.defineProperty(this, 'response', { value: response, enumerable: false, writable: false })
    // Mark the instance with the brand of every class in its chain, so `instanceof` works across copies.
    for (let c = new.target as unknown as Branded | null; c; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) Object.defineProperty(this, c.brand, { value: true })
    }
    const code = (new.target as unknown as { code?: string }).code
    if (code) this.code = code
  }

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
