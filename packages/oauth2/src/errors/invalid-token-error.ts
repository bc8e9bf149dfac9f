import { ERR_OAUTH_INVALID_TOKEN, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

/**
 * The token has expired and the session has no way to renew it (no refresh token, no token endpoint).
 *
 * @example
 * ```ts
 * if (e instanceof InvalidTokenError) console.log(e.code) // 'ERR_OAUTH_INVALID_TOKEN'
 * ```
 */
export class InvalidTokenError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.InvalidTokenError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_INVALID_TOKEN
  static override readonly defaultError: string = 'invalid_token'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidTokenError'
}
