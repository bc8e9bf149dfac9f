import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * The issuer did not match: the `iss` of an authorization response (RFC 9207) or the `issuer` of discovered metadata.
 *
 * @example
 * ```ts
 * if (e instanceof IssuerMismatchError) console.log(e.code) // 'ERR_OAUTH_ISSUER_MISMATCH'
 * ```
 */
export class IssuerMismatchError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.IssuerMismatchError')
  static override readonly code: string = 'ERR_OAUTH_ISSUER_MISMATCH'
  override name = 'IssuerMismatchError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'invalid_issuer', { ...options, description })
  }
}
