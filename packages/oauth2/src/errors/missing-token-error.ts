import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * The session has no token to send (fetch one first, or the last refresh failed and cleared it).
 *
 * @example
 * ```ts
 * if (e instanceof MissingTokenError) console.log(e.code) // 'ERR_OAUTH_MISSING_TOKEN'
 * ```
 */
export class MissingTokenError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.MissingTokenError')
  static override readonly code: string = 'ERR_OAUTH_MISSING_TOKEN'
  override name = 'MissingTokenError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'missing_token', { ...options, description })
  }
}
