import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * An ID token failed validation: signature, algorithm, `iss`, `aud`, `azp`, `exp`, `iat` or `nonce`.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidIdTokenError) console.log(e.code) // 'ERR_OAUTH_INVALID_ID_TOKEN'
 * ```
 */
export class InvalidIdTokenError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.InvalidIdTokenError')
  static override readonly code: string = 'ERR_OAUTH_INVALID_ID_TOKEN'
  override name = 'InvalidIdTokenError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'invalid_id_token', { ...options, description })
  }
}
