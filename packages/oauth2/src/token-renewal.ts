import { InvalidTokenError } from './errors/invalid-token-error.js'
import type { FetchTokenOptions } from './grant-params.js'
import type { AuthorizationServerMetadata } from './schemas.js'
import type { OAuth2Token } from './token.js'

/** What renewing needs from its session. */
export interface RenewalHost {
  readonly token: OAuth2Token | undefined
  readonly tokenEndpoint: string | undefined
  metadata(): Promise<AuthorizationServerMetadata | undefined>
  refreshToken(url: string, options: FetchTokenOptions): Promise<OAuth2Token>
  fetchToken(url: string, options: FetchTokenOptions): Promise<OAuth2Token>
}

/**
 * Renews a session's token — with its refresh token, or by asking for client_credentials again — with one
 * renewal in flight however many callers wait (they share its result or its error).
 */
export class TokenRenewal {
  readonly #host: RenewalHost
  #renewing: Promise<OAuth2Token> | undefined
  /** The grant the current token came from (a refresh keeps the previous one). */
  grantType: string | undefined

  constructor(host: RenewalHost) {
    this.#host = host
  }

  /** Renews `token`, or joins the renewal in flight. */
  run(token: OAuth2Token): Promise<OAuth2Token> {
    this.#renewing ??= this.#renew(token).finally(() => {
      this.#renewing = undefined
    })
    return this.#renewing
  }

  /**
   * After the origin a request carried the session's token `rejected` to answered 401 `invalid_token`:
   * renew (unless someone already did). True when a retry with the current token may succeed.
   */
  async afterRejection(rejected: string): Promise<boolean> {
    const token = this.#host.token
    if (token === undefined) return false
    // Someone renewed it while this request was in flight: retry with the new token.
    if (rejected !== token.access_token) return true
    try {
      await this.run(token)
      return true
    } catch (error) {
      if (error instanceof InvalidTokenError) return false
      throw error
    }
  }

  async #renew(token: OAuth2Token): Promise<OAuth2Token> {
    const host = this.#host
    const endpoint = host.tokenEndpoint ?? (await host.metadata())?.token_endpoint
    if (endpoint && token.refresh_token)
      return host.refreshToken(endpoint, { refreshToken: token.refresh_token })
    if (endpoint && this.grantType === 'client_credentials')
      return host.fetchToken(endpoint, { grantType: 'client_credentials' })
    throw new InvalidTokenError('the token has expired and cannot be renewed (no refresh token)')
  }
}
