import { InvalidTokenError } from './errors/invalid-token-error.js'
import { MissingTokenError } from './errors/missing-token-error.js'
import { OAuthError } from './errors/oauth-error.js'
import type { FetchTokenOptions } from './grant-params.js'
import { RenewalBackoff } from './renewal-backoff.js'
import { SingleFlight } from './single-flight.js'
import { OAuth2Token, renewDeadline } from './token.js'
import type { StoredToken, TokenStore, TokenStoreKey } from './token-store.js'

/** What renewing needs from its session. */
export interface RenewalHost {
  /** The session's in-memory copy. */
  readonly token: OAuth2Token | undefined
  readonly leeway: number
  /** The grant the session's tokens come from (`client_credentials` can be asked for again). */
  readonly grantType: string | undefined
  readonly tokenStore: TokenStore
  /** The store key; undefined while neither an issuer nor a token endpoint is known. */
  storeKey(): Promise<TokenStoreKey | undefined>
  /** The token endpoint renewals use, if known. */
  renewalEndpoint(): Promise<string | undefined>
  /** One token request (no change to the session); the new ID token is checked against `previous`'s. */
  requestToken(
    endpoint: string,
    grantType: string,
    options: FetchTokenOptions,
    previous: OAuth2Token | undefined,
    signal: AbortSignal,
  ): Promise<OAuth2Token>
  /** Makes `token` the session's copy; with `fetched` it is a token this session obtained (updateToken hook). */
  take(token: OAuth2Token, fetched?: { grantType: string; previous: OAuth2Token | undefined }): Promise<void>
  /** The server refused `refreshToken` (invalid_grant): the session forgets its token if it is that one's. */
  refused(refreshToken: string): void
}

const NO_TOKEN = 'the session has no token; call fetchToken first'

const expired = (token: OAuth2Token, now: number) =>
  token.expires_at !== undefined && token.expires_at * 1000 <= now

/** The token that expires last (the one more recently issued). */
function newer(a: OAuth2Token | undefined, b: OAuth2Token | undefined): OAuth2Token | undefined {
  if (a === undefined || b === undefined) return a ?? b
  return (b.expires_at ?? Number.NEGATIVE_INFINITY) > (a.expires_at ?? Number.NEGATIVE_INFINITY) ? b : a
}

/**
 * Renews a session's token through its token store — with its refresh token, or by asking for
 * client_credentials again — with one renewal in flight however many callers wait (they share its result or
 * error), and gets a session without a token its first one (from the store, or lazily by client credentials).
 *
 * Inside the leeway window a failed renewal keeps the still-valid token in use and the next attempt waits for
 * a backoff (issue 12 item 3); only a request with an expired token (or none) fails.
 */
export class TokenRenewal {
  readonly #host: RenewalHost
  readonly #flights = new SingleFlight<OAuth2Token | undefined>()
  readonly #backoff = new RenewalBackoff()
  // A refresh token the server refused: a stored copy still carrying it is as good as none.
  #refused: string | undefined

  constructor(host: RenewalHost) {
    this.#host = host
  }

  /** Callers waiting on the renewal in flight (tracing). */
  get waiting(): number {
    return this.#flights.waiting
  }

  /** Renewal attempts that failed in a row (reset by a success). */
  get failures(): number {
    return this.#backoff.failures
  }

  /** The server refused `refreshToken` (invalid_grant): stored copies carrying it are ignored. */
  refused(refreshToken: string): void {
    this.#refused = refreshToken
    this.#host.refused(refreshToken)
  }

  /** A new token arrived another way (fetchToken): forget past failures. */
  reset(): void {
    this.#backoff.succeeded()
  }

  /**
   * Called when the session has no token or its token is due: settles once the session's token may be used.
   * Rejects only when there is no usable token (none, or an expired one) to fall back on.
   */
  ready(signal?: AbortSignal): Promise<unknown> {
    const token = this.#host.token
    const now = Date.now()
    if (this.#backoff.waiting(now)) {
      if (token !== undefined && !expired(token, now)) return Promise.resolve(token)
      return Promise.reject(this.#backoff.lastError)
    }
    return this.#flights.run('ready', signal, (shared) => this.#ready(shared))
  }

  /** Renews now (the token was rejected, or a renewal is forced), or joins the renewal in flight. */
  run(stale?: string, signal?: AbortSignal): Promise<OAuth2Token | undefined> {
    return this.#flights.run('renew', signal, (shared) => this.#renew(stale, shared))
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
      await this.run(rejected)
      return true
    } catch (error) {
      if (error instanceof InvalidTokenError) return false
      throw error
    }
  }

  async #ready(signal: AbortSignal): Promise<OAuth2Token | undefined> {
    const host = this.#host
    const had = host.token
    try {
      if (had === undefined) {
        const stored = await this.#fromStore(signal)
        if (stored !== undefined && Date.now() < renewDeadline(stored, host.leeway)) return stored
      }
      const token = await this.#renew(undefined, signal)
      this.#backoff.succeeded()
      return token
    } catch (error) {
      // Abandoned by every waiter: not a failure of the token endpoint.
      if (signal.aborted) throw error
      const token = host.token
      // A refused refresh token cleared the session's token: nothing to retry.
      if (had !== undefined && token === undefined) throw error
      const now = Date.now()
      this.#backoff.failed(error, now, token?.expires_at === undefined ? now : token.expires_at * 1000)
      if (token !== undefined && !expired(token, now)) return token
      throw error
    }
  }

  /** A session without a token takes the stored one, if any. */
  async #fromStore(signal: AbortSignal): Promise<OAuth2Token | undefined> {
    const host = this.#host
    const key = await host.storeKey()
    if (key === undefined) return undefined
    const stored = this.#usable(await host.tokenStore.read(key, { signal }))
    if (stored === undefined || host.token !== undefined) return host.token
    const token = new OAuth2Token(stored)
    await host.take(token)
    return token
  }

  async #renew(stale: string | undefined, signal: AbortSignal): Promise<OAuth2Token | undefined> {
    const host = this.#host
    const own = host.token
    const key = await host.storeKey()
    if (key === undefined) throw own ? cannotRenew() : new MissingTokenError(NO_TOKEN)
    let fetched: { token: OAuth2Token; grantType: string } | undefined
    const stored = await host.tokenStore.renew(
      key,
      async (current) => {
        // Re-read under the lease: a token someone else renewed meanwhile is used as it is.
        const usable = this.#usable(current)
        const theirs = usable === undefined ? undefined : new OAuth2Token(usable)
        const base = newer(theirs, own)
        if (
          usable !== undefined &&
          theirs !== undefined &&
          base === theirs &&
          usable.access_token !== stale &&
          Date.now() < renewDeadline(theirs, host.leeway)
        ) {
          return usable
        }
        fetched = await this.#fetch(base, signal)
        return fetched.token.toJSON()
      },
      { signal },
    )
    if (fetched !== undefined) {
      await host.take(fetched.token, { grantType: fetched.grantType, previous: own })
      return fetched.token
    }
    if (own !== undefined && stored.access_token === own.access_token) return own
    const token = new OAuth2Token(stored)
    await host.take(token)
    return token
  }

  #usable(stored: StoredToken | undefined): StoredToken | undefined {
    return stored !== undefined && this.#refused !== undefined && stored.refresh_token === this.#refused
      ? undefined
      : stored
  }

  /** One request to the token endpoint for a token to replace `base`. */
  async #fetch(
    base: OAuth2Token | undefined,
    signal: AbortSignal,
  ): Promise<{ token: OAuth2Token; grantType: string }> {
    const host = this.#host
    const endpoint = await host.renewalEndpoint()
    const refreshToken = base?.refresh_token
    if (endpoint && refreshToken) {
      try {
        const token = await host.requestToken(endpoint, 'refresh_token', { refreshToken }, base, signal)
        // A response without a refresh_token keeps the old one (RFC 6749 §6).
        token.refresh_token ??= refreshToken
        return { token, grantType: 'refresh_token' }
      } catch (error) {
        if (error instanceof OAuthError && error.error === 'invalid_grant') this.refused(refreshToken)
        throw error
      }
    }
    if (endpoint && host.grantType === 'client_credentials') {
      const token = await host.requestToken(endpoint, 'client_credentials', {}, base, signal)
      return { token, grantType: 'client_credentials' }
    }
    throw base ? cannotRenew() : new MissingTokenError(NO_TOKEN)
  }
}

function cannotRenew(): InvalidTokenError {
  return new InvalidTokenError(
    'the token has expired and cannot be renewed (no refresh token, and the grant is not client_credentials)',
  )
}
