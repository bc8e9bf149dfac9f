import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * An HTTP request to an OAuth endpoint failed below the OAuth layer (connection refused, timeout...); the `@x/requests` error is the `cause`.
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
  }
}
