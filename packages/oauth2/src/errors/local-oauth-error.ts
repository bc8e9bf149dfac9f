import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * Base of the errors this client detects itself rather than the server reporting them: the description comes
 * first, the OAuth `error` string defaults to the class's `defaultError`.
 *
 * @example
 * ```ts
 * throw new InvalidTokenError('the token cannot be renewed (no refresh token)')
 * ```
 */
export class LocalOAuthError extends OAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.LocalOAuthError')
  /** The OAuth `error` string when the caller gives none. */
  static readonly defaultError: string = 'client_error'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string | undefined } = {},
  ) {
    const ctor = new.target as unknown as typeof LocalOAuthError
    super(options.error ?? ctor.defaultError, { ...options, description })
  }
}
