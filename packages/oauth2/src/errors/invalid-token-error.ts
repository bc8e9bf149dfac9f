import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * The token has expired and the session has no way to renew it (no refresh token, no token endpoint).
 *
 * @example
 * ```ts
 * if (e instanceof InvalidTokenError) console.log(e.code) // 'ERR_OAUTH_INVALID_TOKEN'
 * ```
 */
export class InvalidTokenError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.InvalidTokenError')
  static override readonly code: string = 'ERR_OAUTH_INVALID_TOKEN'
  override name = 'InvalidTokenError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'invalid_token', { ...options, description })
  }
}
