import { inspect } from 'node:util'
import { traceRequest, traceToken, tracingRequests } from './tracing.js'
import { type RequestOptions, type Response, Session, type SessionOptions } from '@x/requests'
import type { AuthorizationRequest, AuthorizationUrlParams } from './authorization.js'
import { AuthorizationCodeFlow } from './authorization-code.js'
import type { ClientAuthMethod } from './client-auth.js'
import { ClientCore } from './client-core.js'
import { DPoPSigner } from './dpop.js'
import { MissingTokenError } from './errors/missing-token-error.js'
import { OAuthError } from './errors/oauth-error.js'
import type { HttpRequest } from './http.js'
import { type FetchTokenOptions, grantParams, inferGrantType } from './grant-params.js'
import type { IdTokenClaims } from './id-token.js'
import { type OAuth2Options, splitOptions, type UpdateTokenHook } from './options.js'
import type { AuthorizationServerMetadata } from './schemas.js'
import { sendThrough } from './session-http.js'
import type { PendingAuthorization } from './pending-authorizations.js'
import { SingleFlight } from './single-flight.js'
import { type RenewalHost, TokenRenewal } from './token-renewal.js'
import { OAuth2TokenAuth, type TokenPlacement, type TokenSource } from './token-auth.js'
import type { MemoryTokenStore, TokenStore } from './token-store.js'
import { TokenStoreLink } from './token-store-link.js'
import { authorizationHeader, OAuth2Token, renewDeadline, type TokenFields } from './token.js'
import { type CallOptions, callOptions } from './call-options.js'

/** Constructor options: the OAuth options plus any `@x/requests` Session option. */
export type OAuth2SessionOptions = OAuth2Options & SessionOptions

/** Per-request options: those of `@x/requests`, plus `withholdToken` to send a request without the token. */
export interface OAuth2RequestOptions extends RequestOptions {
  /** `true` sends this request without the token (and without renewing it). */
  withholdToken?: boolean | undefined
}

/**
 * The token lifecycle of {@link OAuth2Session} (its base class): fetching, refreshing, renewing before
 * expiry, and attaching the token to requests. Use `OAuth2Session`, which adds the other grants.
 *
 * @example
 * ```ts
 * const client = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl })
 * await client.fetchToken()                 // client_credentials
 * const r = await client.get(apiUrl)        // Bearer token attached, renewed when due
 * ```
 */
export class TokenSession extends Session {
  /**
   * The client identifier.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.2
   */
  readonly clientId: string
  /**
   * Default scope of authorization URLs and token requests.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
   */
  scope: string | readonly string[] | undefined
  /** Default `redirect_uri` of authorization URLs and the authorization code grant. */
  redirectUri: string | undefined
  /**
   * Where requests carry the token: the `Authorization` header (default), the form body, or the query.
   * @see https://www.rfc-editor.org/rfc/rfc6750#section-2
   */
  readonly tokenPlacement: TokenPlacement
  /** Refresh this many milliseconds before expiry (clamped to half the token lifetime). */
  leeway: number
  /**
   * Called after every new token, to persist it (Authlib's `update_token`).
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session
   */
  updateToken: UpdateTokenHook | undefined
  /** The endpoint renewals use: the option, else the last fetchToken URL, else the metadata's. */
  tokenEndpoint: string | undefined
  /**
   * The `grantType` option (Authlib's client metadata `grant_type`). With `client_credentials` the session
   * fetches its first token lazily and renews a token without a refresh token by asking again; a `fetchToken()`
   * whose options imply no grant uses it. Unset, renewals use the grant of the last `fetchToken`.
   */
  grantType: string | undefined
  // The grant of the last fetchToken (a refresh keeps it): what renewals use without a grantType option.
  #lastGrant: string | undefined
  /** Where the token lives and who may renew it; a {@link MemoryTokenStore} of its own by default. */
  readonly tokenStore: TokenStore
  readonly #core: ClientCore
  readonly #auth: OAuth2TokenAuth
  readonly #authOnly: OAuth2RequestOptions
  readonly #code: AuthorizationCodeFlow
  #token: OAuth2Token | undefined
  #header: string | undefined
  // The access token the current one replaced: a request may still be carrying it when it is rejected.
  #replaced: string | undefined
  #renewAt = Number.POSITIVE_INFINITY
  readonly #renewal: TokenRenewal
  readonly #fetches = new SingleFlight<OAuth2Token>()
  readonly #store: TokenStoreLink

  constructor(options: OAuth2SessionOptions) {
    const { oauth: valid, session } = splitOptions(options)
    super(session)
    this.clientId = valid.clientId
    this.scope = valid.scope
    this.redirectUri = valid.redirectUri
    this.tokenPlacement = valid.tokenPlacement ?? 'header'
    this.leeway = valid.leeway ?? 60_000
    this.updateToken = valid.updateToken
    this.tokenEndpoint = valid.tokenEndpoint ?? valid.metadata?.token_endpoint
    this.grantType = valid.grantType
    this.#store = new TokenStoreLink(
      {
        clientId: this.clientId,
        subject: valid.tokenStoreSubject,
        knownIssuer: () => this.#core.issuer ?? this.tokenEndpoint,
        issuer: async () =>
          this.#core.issuer ?? this.tokenEndpoint ?? (await this.#core.metadata())?.token_endpoint,
        changed: (stored) => {
          // Another holder wrote a token: use it from now on (our own writes carry our token already).
          if (stored.access_token !== this.#token?.access_token) this.token = new OAuth2Token(stored)
        },
      },
      valid.tokenStore,
    )
    this.tokenStore = this.#store.store
    this.#code = new AuthorizationCodeFlow(valid.codeChallengeMethod ?? 'S256')
    const dpop = valid.dpop ? new DPoPSigner(valid.dpop === true ? undefined : valid.dpop) : undefined
    const http = (request: HttpRequest) => sendThrough((m, u, o) => super.request(m, u, o), request)
    this.#core = new ClientCore({ ...valid, http, dpop })
    const source: TokenSource = {
      placement: this.tokenPlacement,
      dpop,
      current: () => this.#token,
      header: () => this.#header,
      owns: (accessToken) => accessToken === this.#token?.access_token || accessToken === this.#replaced,
      renewAfterRejection: (rejected) => this.#renewal.afterRejection(rejected),
    }
    this.#renewal = new TokenRenewal(this.#renewalHost())
    this.#auth = new OAuth2TokenAuth(source)
    this.#authOnly = { auth: this.#auth }
    if (valid.token) this.token = valid.token
  }

  /** The current token (undefined before the first fetchToken, or after a failed refresh). */
  get token(): OAuth2Token | undefined {
    return this.#token
  }

  /** Sets the token (an `OAuth2Token` or its fields); requests then carry it, and renewals start from it. */
  set token(value: OAuth2Token | TokenFields | undefined) {
    const token = value === undefined || value instanceof OAuth2Token ? value : new OAuth2Token(value)
    if (this.#token !== undefined && this.#token.access_token !== token?.access_token)
      this.#replaced = this.#token.access_token
    this.#token = token
    this.#header = token && authorizationHeader(token)
    this.#renewAt = token ? renewDeadline(token, this.leeway) : Number.POSITIVE_INFINITY
    this.#store.mirror(token?.toJSON())
  }

  /** Renewal attempts that failed in a row (0 after a success); see "When a renewal fails" in the README. */
  get renewalFailures(): number {
    return this.#renewal.failures
  }

  /** The client authentication method used at the token, revocation, introspection and PAR endpoints. */
  get tokenEndpointAuthMethod(): string {
    return this.#core.tokenEndpointAuthMethod
  }

  /**
   * Adds a client authentication method (Authlib's `register_client_auth_method`).
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.register_client_auth_method
   */
  registerClientAuthMethod(name: string, method: ClientAuthMethod): void {
    this.#core.authMethods.set(name, method)
  }

  /**
   * Server metadata: the `metadata` option, or discovered once from `issuer` (`signal`/`timeout` per call).
   * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
   * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
   */
  metadata(options: CallOptions = {}): Promise<AuthorizationServerMetadata | undefined> {
    return this.#core.metadata(callOptions(options))
  }

  /** The protocol engine, for the grant methods of subclasses. */
  protected get core(): ClientCore {
    return this.#core
  }

  /**
   * Builds the authorization URL with state, PKCE S256 and (for `openid`) a nonce, and remembers them
   * for `fetchToken({ authorizationResponse })`.
   *
   * @example
   * ```ts
   * const { url, state } = client.createAuthorizationUrl('https://op.example/authorize')
   * ```
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.create_authorization_url
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
   */
  createAuthorizationUrl(url: string, options: AuthorizationUrlParams = {}): AuthorizationRequest {
    return this.#code.start(url, options, this)
  }

  /** Remembers an authorization request until its callback arrives. */
  protected remember(request: AuthorizationRequest, redirectUri: string | undefined): void {
    this.#code.remember(request, redirectUri)
  }

  /**
   * Fetches a token from the token endpoint with any grant, makes it the session's token and writes it to
   * the token store. Concurrent calls with the same arguments share one request (and its result or error);
   * `signal` abandons this call's wait, `timeout` replaces the session's for the request.
   *
   * @example
   * ```ts
   * await client.fetchToken(tokenUrl, { grantType: 'client_credentials' })
   * await client.fetchToken(tokenUrl, { authorizationResponse: callbackUrl })
   * ```
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.fetch_token
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
   */
  fetchToken(url?: string, options: FetchTokenOptions = {}): Promise<OAuth2Token> {
    const { signal, ...shared } = options
    const key = JSON.stringify([url ?? null, Object.entries(shared).sort(([a], [b]) => (a < b ? -1 : 1))])
    return this.#fetches.run(key, signal, (abandon) => this.#fetchToken(url, { ...shared, signal: abandon }))
  }

  async #fetchToken(url: string | undefined, options: FetchTokenOptions): Promise<OAuth2Token> {
    const grantType = inferGrantType(options, this.grantType)
    if (grantType === 'refresh_token') return this.#refreshToken(url, options)
    let request = options
    let pending: PendingAuthorization | undefined
    if (grantType === 'authorization_code' || options.authorizationResponse !== undefined) {
      ;({ request, pending } = await this.#code.accept(options, this.#core, this.redirectUri))
    }
    const endpoint = await this.#core.endpoint(
      'token_endpoint',
      url ?? this.tokenEndpoint,
      callOptions(options),
    )
    const token = await traceToken(grantType, endpoint, false, this.#fetchWaiters, () =>
      this.#core.requestToken(endpoint, grantParams(grantType, request, this.scope), callOptions(options)),
    )
    this.tokenEndpoint ??= endpoint
    return this.adopt(token, grantType, options.nonce ?? pending?.nonce)
  }

  /**
   * Refreshes the token (RFC 6749 §6). A response without a refresh_token keeps the old one; an
   * `invalid_grant` answer clears the session's token and is thrown. Takes `signal` and `timeout`.
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.refresh_token
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
   */
  refreshToken(url?: string, options: FetchTokenOptions = {}): Promise<OAuth2Token> {
    return this.fetchToken(url, { ...options, grantType: 'refresh_token' })
  }

  async #refreshToken(url: string | undefined, options: FetchTokenOptions): Promise<OAuth2Token> {
    const refreshToken = options.refreshToken ?? this.#token?.refresh_token
    if (!refreshToken) throw new MissingTokenError('there is no refresh token to refresh with')
    const endpoint = await this.#core.endpoint(
      'token_endpoint',
      url ?? this.tokenEndpoint,
      callOptions(options),
    )
    let token: OAuth2Token
    try {
      token = await traceToken('refresh_token', endpoint, false, this.#fetchWaiters, () =>
        this.#core.requestToken(
          endpoint,
          grantParams('refresh_token', { ...options, refreshToken }, undefined),
          callOptions(options),
        ),
      )
    } catch (error) {
      // The refresh token is dead: forget the session's token (if it is that one's) rather than retry it forever.
      if (error instanceof OAuthError && error.error === 'invalid_grant') this.#renewal.refused(refreshToken)
      throw error
    }
    token.refresh_token ??= refreshToken
    this.tokenEndpoint ??= endpoint
    return this.adopt(token, 'refresh_token')
  }

  /**
   * Returns a token that is valid for at least `leeway`: the current one, or a renewed one (refresh
   * token, or client_credentials again), or the first one (from the token store, or fetched lazily when the
   * session knows its token endpoint and `grantType: 'client_credentials'`). Concurrent callers share one
   * renewal. Inside the leeway window a failed renewal returns the still-valid token (and is retried after a
   * backoff); only an expired token, or none, makes it reject. `force` renews now and rejects on failure.
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.ensure_active_token
   */
  async ensureActiveToken(force = false, options: Pick<CallOptions, 'signal'> = {}): Promise<OAuth2Token> {
    const token = this.#token
    if (force && token !== undefined) await this.#renewal.run(token.access_token, options.signal)
    else if (token === undefined || Date.now() >= this.#renewAt) await this.#renewal.ready(options.signal)
    if (this.#token === undefined)
      throw new MissingTokenError('the session has no token; call fetchToken first')
    return this.#token
  }

  /**
   * Sends a request with the token (fetched or renewed first when due), unless `withholdToken` or an explicit
   * `auth`. The request's `signal` also abandons its wait for a renewal.
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.request
   * @see https://www.rfc-editor.org/rfc/rfc6750#section-2
   */
  override request(method: string, url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    if (!tracingRequests()) return this.#request(method, url, options)
    return traceRequest(method, String(url), (context) => this.#request(method, url, options, context))
  }

  readonly #fetchWaiters = () => this.#fetches.waiting
  readonly #renewalWaiters = () => this.#renewal.waiting

  /**
   * Not an async function: with a token in date (nearly every request) it hands back the session's promise itself
   * (an async function resolving with a promise costs two more microtask turns per request).
   */
  #request(
    method: string,
    url: string | URL,
    options?: OAuth2RequestOptions,
    trace?: { renewal: boolean },
  ): Promise<Response> {
    if (options !== undefined && (options.withholdToken !== undefined || options.auth !== undefined)) {
      const { withholdToken, ...rest } = options
      if (withholdToken || rest.auth !== undefined) return super.request(method, url, rest)
      options = rest
    }
    if (this.#token === undefined || Date.now() >= this.#renewAt) {
      if (trace !== undefined) trace.renewal = true
      return this.#requestAfterRenewal(method, url, options)
    }
    return this.#withToken(method, url, options)
  }

  async #requestAfterRenewal(
    method: string,
    url: string | URL,
    options: OAuth2RequestOptions | undefined,
  ): Promise<Response> {
    await this.#renewal.ready(options?.signal)
    if (this.#token === undefined)
      throw new MissingTokenError('the session has no token; call fetchToken first')
    return await this.#withToken(method, url, options)
  }

  #withToken(
    method: string,
    url: string | URL,
    options: OAuth2RequestOptions | undefined,
  ): Promise<Response> {
    // With tokenPlacement 'uri' the token rides in the query; the layers below keep query values out of every
    // message (@x/pool quotes no query, @x/requests redacts each value), so nothing is rewritten here.
    return super.request(
      method,
      url,
      options === undefined ? this.#authOnly : { ...options, auth: this.#auth },
    )
  }

  override get(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('GET', url, options)
  }
  override options(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('OPTIONS', url, options)
  }
  /** HEAD does not follow redirects unless `allowRedirects: true`, as requests. */
  override head(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('HEAD', url, { allowRedirects: false, ...options })
  }
  override post(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('POST', url, options)
  }
  override put(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('PUT', url, options)
  }
  override patch(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('PATCH', url, options)
  }
  override delete(url: string | URL, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('DELETE', url, options)
  }

  /**
   * Validates an ID token against the issuer's JWKS (iss, aud, azp, exp, iat, nonce, clock skew).
   * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
   */
  async validateIdToken(
    idToken: string,
    options: { nonce?: string; maxAge?: number } = {},
  ): Promise<IdTokenClaims> {
    return this.#core.validateIdToken(idToken, options)
  }

  /**
   * Validates a new token's ID token, makes the token the session's, writes it to the token store and calls
   * the updateToken hook.
   */
  protected async adopt(token: OAuth2Token, grantType: string, nonce?: string): Promise<OAuth2Token> {
    await this.#core.checkIdToken(token, this.#token, nonce)
    const previous = this.#token
    this.token = token
    this.#renewal.reset()
    // Stored before the hook runs, as a renewal stores it before the session takes it.
    const key = await this.#store.key()
    if (key !== undefined) await this.tokenStore.write(key, token.toJSON())
    await this.#take(token, { grantType, previous })
    return token
  }

  async #take(
    token: OAuth2Token,
    fetched?: { grantType: string; previous: OAuth2Token | undefined },
  ): Promise<void> {
    this.token = token
    if (fetched === undefined) return
    const { grantType, previous } = fetched
    if (grantType !== 'refresh_token') this.#lastGrant = grantType
    await this.updateToken?.(token, {
      grantType,
      refreshToken: previous?.refresh_token,
      accessToken: previous?.access_token,
    })
  }

  #renewalHost(): RenewalHost {
    const session = this
    return {
      get token() {
        return session.#token
      },
      get leeway() {
        return session.leeway
      },
      get grantType() {
        return session.grantType ?? session.#lastGrant
      },
      get tokenStore() {
        return session.tokenStore
      },
      storeKey: () => this.#store.key(),
      renewalEndpoint: async () => this.tokenEndpoint ?? (await this.#core.metadata())?.token_endpoint,
      requestToken: async (endpoint, grantType, options, previous, signal) => {
        const token = await traceToken(grantType, endpoint, true, this.#renewalWaiters, () =>
          this.#core.requestToken(endpoint, grantParams(grantType, options, this.scope), { signal }),
        )
        await this.#core.checkIdToken(token, previous)
        return token
      },
      take: (token, fetched) => this.#take(token, fetched),
      refused: (refreshToken) => {
        if (this.#token?.refresh_token === refreshToken) this.token = undefined
      },
    }
  }

  /** Closes the connections and stops listening to the token store. */
  override async close(): Promise<void> {
    this.#store.close()
    await super.close()
  }

  override [inspect.custom](depth = 2, options: object = {}, inspectFn: typeof inspect = inspect): string {
    if (depth < 0) return 'OAuth2Session {…}'
    const shown = {
      clientId: this.clientId,
      tokenEndpointAuthMethod: this.tokenEndpointAuthMethod,
      scope: this.scope,
      redirectUri: this.redirectUri,
      tokenPlacement: this.tokenPlacement,
      tokenEndpoint: this.tokenEndpoint,
      token: this.#token,
    }
    return `OAuth2Session ${inspectFn(shown, options)}`
  }
}
