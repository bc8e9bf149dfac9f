import { inspect } from 'node:util'
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
import { type OAuth2Options, SESSION_KEYS, type UpdateTokenHook, validateOptions } from './options.js'
import type { AuthorizationServerMetadata } from './schemas.js'
import { sendThrough } from './session-http.js'
import type { PendingAuthorization } from './pending-authorizations.js'
import { TokenRenewal } from './token-renewal.js'
import { OAuth2TokenAuth, type TokenPlacement, type TokenSource } from './token-auth.js'
import { authorizationHeader, OAuth2Token, renewDeadline, type TokenFields } from './token.js'

/** Constructor options: the OAuth options plus any `@x/requests` Session option. */
export type OAuth2SessionOptions = OAuth2Options & SessionOptions

/** Per-request options: those of `@x/requests`, plus `withholdToken` to send a request without the token. */
export interface OAuth2RequestOptions extends RequestOptions {
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
  readonly clientId: string
  scope: string | readonly string[] | undefined
  redirectUri: string | undefined
  readonly tokenPlacement: TokenPlacement
  /** Refresh this many milliseconds before expiry (clamped to half the token lifetime). */
  leeway: number
  updateToken: UpdateTokenHook | undefined
  /** The endpoint renewals use: the option, else the last fetchToken URL, else the metadata's. */
  tokenEndpoint: string | undefined
  readonly #core: ClientCore
  readonly #auth: OAuth2TokenAuth
  readonly #authOnly: OAuth2RequestOptions
  readonly #code: AuthorizationCodeFlow
  #token: OAuth2Token | undefined
  #header: string | undefined
  // The access token the current one replaced: a request may still be carrying it when it is rejected.
  #replaced: string | undefined
  #renewAt = Number.POSITIVE_INFINITY
  readonly #renewal = new TokenRenewal(this)

  constructor(options: OAuth2SessionOptions) {
    const valid = validateOptions(options)
    const sessionOptions: Record<string, unknown> = {}
    for (const key of SESSION_KEYS) if (valid[key] !== undefined) sessionOptions[key] = valid[key]
    super(sessionOptions as SessionOptions)
    this.clientId = valid.clientId
    this.scope = valid.scope
    this.redirectUri = valid.redirectUri
    this.tokenPlacement = valid.tokenPlacement ?? 'header'
    this.leeway = valid.leeway ?? 60_000
    this.updateToken = valid.updateToken
    this.tokenEndpoint = valid.tokenEndpoint ?? valid.metadata?.token_endpoint
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
    this.#auth = new OAuth2TokenAuth(source)
    this.#authOnly = { auth: this.#auth }
    if (valid.token) this.token = valid.token
  }

  /** The current token (undefined before the first fetchToken, or after a failed refresh). */
  get token(): OAuth2Token | undefined {
    return this.#token
  }

  set token(value: OAuth2Token | TokenFields | undefined) {
    const token = value === undefined || value instanceof OAuth2Token ? value : new OAuth2Token(value)
    if (this.#token !== undefined && this.#token !== token) this.#replaced = this.#token.access_token
    this.#token = token
    this.#header = token && authorizationHeader(token)
    this.#renewAt = token ? renewDeadline(token, this.leeway) : Number.POSITIVE_INFINITY
  }

  /** The client authentication method used at the token, revocation, introspection and PAR endpoints. */
  get tokenEndpointAuthMethod(): string {
    return this.#core.tokenEndpointAuthMethod
  }

  /** Adds a client authentication method (Authlib's `register_client_auth_method`). */
  registerClientAuthMethod(name: string, method: ClientAuthMethod): void {
    this.#core.authMethods.set(name, method)
  }

  /** Server metadata: the `metadata` option, or discovered once from `issuer`. */
  metadata(): Promise<AuthorizationServerMetadata | undefined> {
    return this.#core.metadata()
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
   */
  createAuthorizationUrl(url: string, options: AuthorizationUrlParams = {}): AuthorizationRequest {
    return this.#code.start(url, options, this)
  }

  /** Remembers an authorization request until its callback arrives. */
  protected remember(request: AuthorizationRequest, redirectUri: string | undefined): void {
    this.#code.remember(request, redirectUri)
  }

  /**
   * Fetches a token from the token endpoint with any grant and makes it the session's token.
   *
   * @example
   * ```ts
   * await client.fetchToken(tokenUrl, { grantType: 'client_credentials' })
   * await client.fetchToken(tokenUrl, { authorizationResponse: callbackUrl })
   * ```
   */
  async fetchToken(url?: string, options: FetchTokenOptions = {}): Promise<OAuth2Token> {
    const grantType = inferGrantType(options)
    if (grantType === 'refresh_token') return this.refreshToken(url, options)
    let request = options
    let pending: PendingAuthorization | undefined
    if (grantType === 'authorization_code' || options.authorizationResponse !== undefined) {
      ;({ request, pending } = await this.#code.accept(options, this.#core, this.redirectUri))
    }
    const endpoint = await this.#core.endpoint('token_endpoint', url ?? this.tokenEndpoint)
    const token = await this.#core.requestToken(endpoint, grantParams(grantType, request, this.scope))
    this.tokenEndpoint ??= endpoint
    return this.adopt(token, grantType, options.nonce ?? pending?.nonce)
  }

  /**
   * Refreshes the token (RFC 6749 §6). A response without a refresh_token keeps the old one; an
   * `invalid_grant` answer clears the session's token and is thrown.
   */
  async refreshToken(url?: string, options: FetchTokenOptions = {}): Promise<OAuth2Token> {
    const refreshToken = options.refreshToken ?? this.#token?.refresh_token
    if (!refreshToken) throw new MissingTokenError('there is no refresh token to refresh with')
    const endpoint = await this.#core.endpoint('token_endpoint', url ?? this.tokenEndpoint)
    let token: OAuth2Token
    try {
      token = await this.#core.requestToken(
        endpoint,
        grantParams('refresh_token', { ...options, refreshToken }, undefined),
      )
    } catch (error) {
      // The session's own refresh token is dead: forget the token rather than retry it forever.
      if (
        error instanceof OAuthError &&
        error.error === 'invalid_grant' &&
        this.#token?.refresh_token === refreshToken
      ) {
        this.token = undefined
      }
      throw error
    }
    token.refresh_token ??= refreshToken
    this.tokenEndpoint ??= endpoint
    return this.adopt(token, 'refresh_token')
  }

  /**
   * Returns a token that is valid for at least `leeway`: the current one, or a renewed one (refresh
   * token, or client_credentials again). Concurrent callers share one renewal and its result or error.
   */
  ensureActiveToken(force = false): Promise<OAuth2Token> {
    const token = this.#token
    if (token === undefined)
      return Promise.reject(new MissingTokenError('the session has no token; call fetchToken first'))
    if (!force && Date.now() < this.#renewAt) return Promise.resolve(token)
    return this.#renewal.run(token)
  }

  /** Sends a request with the token (renewed first when due), unless `withholdToken` or an explicit `auth`. */
  override async request(method: string, url: string, options?: OAuth2RequestOptions): Promise<Response> {
    if (options !== undefined && (options.withholdToken !== undefined || options.auth !== undefined)) {
      const { withholdToken, ...rest } = options
      if (withholdToken || rest.auth !== undefined) return super.request(method, url, rest)
      options = rest
    }
    if (this.#token === undefined)
      throw new MissingTokenError('the session has no token; call fetchToken first')
    if (Date.now() >= this.#renewAt) await this.ensureActiveToken()
    // With tokenPlacement 'uri' the token rides in the query; the layers below keep query values out of every
    // message (@x/pool quotes no query, @x/requests redacts each value), so nothing is rewritten here.
    return super.request(
      method,
      url,
      options === undefined ? this.#authOnly : { ...options, auth: this.#auth },
    )
  }

  override get(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('GET', url, options)
  }
  override options(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('OPTIONS', url, options)
  }
  /** HEAD does not follow redirects unless `allowRedirects: true`, as requests. */
  override head(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('HEAD', url, { allowRedirects: false, ...options })
  }
  override post(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('POST', url, options)
  }
  override put(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('PUT', url, options)
  }
  override patch(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('PATCH', url, options)
  }
  override delete(url: string, options?: OAuth2RequestOptions): Promise<Response> {
    return this.request('DELETE', url, options)
  }

  /** Validates an ID token against the issuer's JWKS (iss, aud, azp, exp, iat, nonce, clock skew). */
  async validateIdToken(
    idToken: string,
    options: { nonce?: string; maxAge?: number } = {},
  ): Promise<IdTokenClaims> {
    return this.#core.validateIdToken(idToken, options)
  }

  /** Validates a new token's ID token, makes the token the session's and calls the updateToken hook. */
  protected async adopt(token: OAuth2Token, grantType: string, nonce?: string): Promise<OAuth2Token> {
    await this.#core.checkIdToken(token, this.#token, nonce)
    const previous = this.#token
    this.token = token
    if (grantType !== 'refresh_token') this.#renewal.grantType = grantType
    await this.updateToken?.(token, {
      grantType,
      refreshToken: previous?.refresh_token,
      accessToken: previous?.access_token,
    })
    return token
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
