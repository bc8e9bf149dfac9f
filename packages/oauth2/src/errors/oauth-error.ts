import { brandError, hasErrorBrand } from '@x/pool'
import type { Response } from '@x/requests'
import { ERR_OAUTH, type OAuthErrorCode } from './codes.js'

/** Options accepted by every {@link OAuthError} constructor. */
export interface OAuthErrorOptions {
  /** `error_description` from the server, or a short human explanation. Never contains secrets. */
  description?: string | undefined
  /** `error_uri` from the server. */
  uri?: string | undefined
  /** HTTP status of the response that carried the error, when there was one. */
  status?: number | undefined
  /** The `@x/requests` Response (attached non-enumerably, so it never shows in logs). */
  response?: Response | undefined
  /** The error below this one (a `@x/requests` error, a `jose` error...). */
  cause?: unknown
}

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
  /** The `Symbol.for` brand behind `instanceof` (each subclass has its own). */
  static readonly brand: symbol = Symbol.for('@x/oauth2.OAuthError')
  /** The `code` of this class's errors. */
  static readonly code: OAuthErrorCode = ERR_OAUTH

  /** `instanceof` by brand: holds across two installed copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` is asked about
    return hasErrorBrand(value, this.brand)
  }

  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'OAuthError'
  /** Stable machine-readable code (`ERR_OAUTH` for errors reported by the server); an own property. */
  readonly code: OAuthErrorCode
  /** The OAuth `error` code (`invalid_grant`, `access_denied`, ...). */
  readonly error: string
  /** The `error_description`, if any. */
  readonly description: string | undefined
  /** The `error_uri`, if any. */
  readonly uri: string | undefined
  /** HTTP status of the response, if the error came in one. */
  readonly status: number | undefined
  /** The response the error came in (non-enumerable). */
  declare readonly response: Response | undefined

  constructor(error: string, options: OAuthErrorOptions = {}) {
    const { description, uri, status, response, cause } = options
    super(description ? `${error}: ${description}` : error, cause === undefined ? undefined : { cause })
    this.error = error
    this.description = description
    this.uri = uri
    this.status = status
    Object.defineProperty(this, 'response', { value: response, enumerable: false, writable: false })
    const ctor = new.target as unknown as typeof OAuthError
    this.code = ctor.code
    // A failure of the layer below stays catchable as such: an OAuthRequestError caused by a ConnectionError is
    // also `instanceof ConnectionError` (and Timeout, NewConnectionError... as its cause was).
    brandError(this, ctor, cause, (cause as { reason?: unknown } | undefined)?.reason)
  }
}
