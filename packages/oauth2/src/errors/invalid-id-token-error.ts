import { ERR_OAUTH_INVALID_ID_TOKEN, type OAuthErrorCode } from './codes.js'
import { LocalOAuthError } from './local-oauth-error.js'

/**
 * An ID token failed validation: signature, algorithm, `iss`, `aud`, `azp`, `exp`, `iat` or `nonce`.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidIdTokenError) console.log(e.code) // 'ERR_OAUTH_INVALID_ID_TOKEN'
 * ```
 */
export class InvalidIdTokenError extends LocalOAuthError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2.InvalidIdTokenError')
  static override readonly code: OAuthErrorCode = ERR_OAUTH_INVALID_ID_TOKEN
  static override readonly defaultError: string = 'invalid_id_token'
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'InvalidIdTokenError'
}
