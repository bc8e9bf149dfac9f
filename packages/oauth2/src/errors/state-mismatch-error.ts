import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * The `state` in the authorization response is not the one that was sent (Authlib's MismatchingStateException). Raised before any network call.
 *
 * @example
 * ```ts
 * if (e instanceof StateMismatchError) console.log(e.code) // 'ERR_OAUTH_STATE_MISMATCH'
 * ```
 */
export class StateMismatchError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.StateMismatchError')
  static override readonly code: string = 'ERR_OAUTH_STATE_MISMATCH'
  override name = 'StateMismatchError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'mismatching_state', { ...options, description })
  }
}
