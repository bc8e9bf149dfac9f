import { ERR_OAUTH_STATE_MISMATCH, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

/**
 * The `state` in the authorization response is not the one that was sent (Authlib's MismatchingStateException). Raised before any network call.
 *
 * @example
 * ```ts
 * if (e instanceof StateMismatchError) console.log(e.code) // 'ERR_OAUTH_STATE_MISMATCH'
 * ```
 */
export class StateMismatchError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.StateMismatchError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_STATE_MISMATCH
  static override readonly defaultError: string = 'mismatching_state'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'StateMismatchError'
}
