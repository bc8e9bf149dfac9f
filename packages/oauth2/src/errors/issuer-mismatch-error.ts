import { ERR_OAUTH_ISSUER_MISMATCH, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

/**
 * The issuer did not match: the `iss` of an authorization response (RFC 9207) or the `issuer` of discovered metadata.
 *
 * @example
 * ```ts
 * if (e instanceof IssuerMismatchError) console.log(e.code) // 'ERR_OAUTH_ISSUER_MISMATCH'
 * ```
 */
export class IssuerMismatchError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.IssuerMismatchError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_ISSUER_MISMATCH
  static override readonly defaultError: string = 'invalid_issuer'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'IssuerMismatchError'
}
