import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

// The brand set @x/requests errors carry for its cross-copy `instanceof` (see its RequestException).
const REQUESTS_BRANDS = Symbol.for('@x/requests.error.brands')

/**
 * An HTTP request to an OAuth endpoint failed below the OAuth layer (connection refused, timeout...); the `@x/requests` error is the `cause`.
 *
 * It is also `instanceof` the `@x/requests` class of its cause (issue 14: one error model across layers): the
 * token endpoint unreachable during a silent renewal is a `ConnectionError` (a `ConnectTimeout` also a
 * `Timeout`), caught by the same retry logic as the API itself being unreachable.
 *
 * @example
 * ```ts
 * if (e instanceof OAuthRequestError) console.log(e.code) // 'ERR_OAUTH_REQUEST'
 * ```
 */
export class OAuthRequestError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.OAuthRequestError')
  static override readonly code: string = 'ERR_OAUTH_REQUEST'
  override name = 'OAuthRequestError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'request_failed', { ...options, description })
    const brands = (options.cause as { [REQUESTS_BRANDS]?: unknown } | null | undefined)?.[REQUESTS_BRANDS]
    if (brands !== undefined)
      Object.defineProperty(this, REQUESTS_BRANDS, { value: brands, enumerable: false })
  }
}
