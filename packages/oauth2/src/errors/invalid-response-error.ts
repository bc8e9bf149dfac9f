import { ERR_OAUTH_INVALID_RESPONSE, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

/**
 * The server answered with something that is not a valid OAuth response (HTML, a 5xx page, JSON of the wrong shape). `description` carries the status and a short redacted snippet.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidResponseError) console.log(e.code) // 'ERR_OAUTH_INVALID_RESPONSE'
 * ```
 */
export class InvalidResponseError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.InvalidResponseError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_INVALID_RESPONSE
  static override readonly defaultError: string = 'invalid_response'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidResponseError'
}
