import { ERR_OAUTH_MISSING_TOKEN, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

/**
 * The session has no token to send (fetch one first, or the last refresh failed and cleared it).
 *
 * @example
 * ```ts
 * if (e instanceof MissingTokenError) console.log(e.code) // 'ERR_OAUTH_MISSING_TOKEN'
 * ```
 */
export class MissingTokenError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.MissingTokenError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_MISSING_TOKEN
  static override readonly defaultError: string = 'missing_token'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'MissingTokenError'
}
