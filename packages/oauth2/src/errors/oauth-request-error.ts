import { ERR_OAUTH_REQUEST, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

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
export class OAuthRequestError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.OAuthRequestError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_REQUEST
  static override readonly defaultError: string = 'request_failed'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'OAuthRequestError'
}
