import { OAuthError, type OAuthErrorOptions } from './oauth-error.js'

/**
 * The server answered with something that is not a valid OAuth response (HTML, a 5xx page, JSON of the wrong shape). `description` carries the status and a short redacted snippet.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidResponseError) console.log(e.code) // 'ERR_OAUTH_INVALID_RESPONSE'
 * ```
 */
export class InvalidResponseError extends OAuthError {
  static override readonly brand: symbol = Symbol.for('@x/oauth2.InvalidResponseError')
  static override readonly code: string = 'ERR_OAUTH_INVALID_RESPONSE'
  override name = 'InvalidResponseError'

  constructor(
    description: string,
    options: Omit<OAuthErrorOptions, 'description'> & { error?: string } = {},
  ) {
    super(options.error ?? 'invalid_response', { ...options, description })
  }
}
