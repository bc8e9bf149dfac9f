import { builtinClientAuthMethods, type ClientAuthMethod, type PrivateKeyInput } from './client-auth.js'
import type { CallOptions } from './call-options.js'
import { abortable, SingleFlight } from './single-flight.js'
import { discover } from './discovery.js'
import { OAuthError } from './errors/oauth-error.js'
import { type DPoPSigner, wantsDPoPNonce } from './dpop.js'
import { formEncode, type HttpClient, type HttpResponse, parseJson, readJson } from './http.js'
import { type IdTokenClaims, validateIdToken } from './id-token.js'
import { JwksCache } from './jwks.js'
import { type AuthorizationServerMetadata, tokenResponseSchema } from './schemas.js'
import { inServerOrder, OAuth2Token } from './token.js'
import { checkUrl } from './urls.js'

/** Endpoint names of the metadata document. */
export type EndpointName =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'jwks_uri'
  | 'userinfo_endpoint'
  | 'end_session_endpoint'
  | 'device_authorization_endpoint'
  | 'revocation_endpoint'
  | 'introspection_endpoint'
  | 'pushed_authorization_request_endpoint'

export interface CoreOptions {
  clientId: string
  clientSecret?: string | undefined
  privateKey?: PrivateKeyInput | undefined
  tokenEndpointAuthMethod?: string | undefined
  http: HttpClient
  dpop?: DPoPSigner | undefined
  issuer?: string | undefined
  metadata?: AuthorizationServerMetadata | undefined
  /** Clock skew allowed when validating ID tokens, milliseconds. */
  clockSkew?: number | undefined
  /** Client authentication methods beyond the built-in ones, by name. */
  clientAuthMethods?: Record<string, ClientAuthMethod> | undefined
}

export interface SendOptions extends CallOptions {
  /** Words for error messages ("the token endpoint"). */
  what: string
  extraHeaders?: Record<string, string> | undefined
}

/**
 * The protocol engine behind `OAuth2Session`: client authentication, DPoP, discovery and JWKS caches.
 * It reaches the network only through the `HttpClient` it is given.
 */
export class ClientCore {
  readonly clientId: string
  readonly clientSecret: string | undefined
  readonly privateKey: PrivateKeyInput | undefined
  readonly http: HttpClient
  readonly dpop: DPoPSigner | undefined
  readonly clockSkew: number
  readonly issuer: string | undefined
  readonly authMethods = new Map<string, ClientAuthMethod>(Object.entries(builtinClientAuthMethods))
  tokenEndpointAuthMethod: string
  #metadata: Promise<AuthorizationServerMetadata | undefined> | undefined
  readonly #discovery = new SingleFlight<AuthorizationServerMetadata>()
  #jwks: JwksCache | undefined

  constructor(options: CoreOptions) {
    this.clientId = options.clientId
    this.clientSecret = options.clientSecret
    this.privateKey = options.privateKey
    this.http = options.http
    this.dpop = options.dpop
    this.clockSkew = options.clockSkew ?? 60_000
    this.issuer = options.metadata?.issuer ?? options.issuer
    this.tokenEndpointAuthMethod =
      options.tokenEndpointAuthMethod ??
      (options.clientSecret !== undefined
        ? 'client_secret_basic'
        : options.privateKey
          ? 'private_key_jwt'
          : 'none')
    if (options.metadata) this.#metadata = Promise.resolve(options.metadata)
    for (const [name, method] of Object.entries(options.clientAuthMethods ?? {}))
      this.authMethods.set(name, method)
  }

  /**
   * Server metadata: given, or discovered from the issuer once (concurrent callers share the fetch; each
   * caller's `signal` abandons its own wait, and the fetch only when every waiter has gone).
   */
  metadata(call: CallOptions = {}): Promise<AuthorizationServerMetadata | undefined> {
    if (this.#metadata) return abortable(this.#metadata, call.signal)
    const issuer = this.issuer
    if (!issuer) return Promise.resolve(undefined)
    // A failed discovery is not cached: the next call tries again.
    return this.#discovery.run(JSON.stringify(call.timeout ?? null), call.signal, async (signal) => {
      const metadata = await discover(this.http, issuer, { signal, timeout: call.timeout })
      this.#metadata ??= Promise.resolve(metadata)
      return metadata
    })
  }

  /** The URL given by the caller (checked: http(s), no control characters), else the one the metadata names. */
  async endpoint(name: EndpointName, given?: string, call: CallOptions = {}): Promise<string> {
    if (given) return checkUrl(given, 'url')
    const url = (await this.metadata(call))?.[name]
    if (!url)
      throw new TypeError(`no ${name} given and none in the server metadata (pass a URL or an issuer)`)
    return url
  }

  /** The issuer's key set (needs `jwks_uri` in the metadata). */
  async jwks(): Promise<JwksCache> {
    if (!this.#jwks) this.#jwks = new JwksCache(this.http, await this.endpoint('jwks_uri'))
    return this.#jwks
  }

  /**
   * POSTs form parameters to a token-like endpoint with client authentication and, when enabled, a DPoP
   * proof; a `use_dpop_nonce` answer is retried once with the server's nonce (RFC 9449 §8).
   */
  async post(
    url: string,
    params: Record<string, string | readonly string[] | undefined>,
    options: SendOptions,
  ): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        ...options.extraHeaders,
      }
      const body = { ...params }
      const method = this.authMethods.get(this.tokenEndpointAuthMethod)
      if (!method)
        throw new TypeError(`unknown client authentication method "${this.tokenEndpointAuthMethod}"`)
      await method({
        clientId: this.clientId,
        clientSecret: this.clientSecret,
        privateKey: this.privateKey,
        url,
        method: 'POST',
        headers,
        params: body,
      })
      if (this.dpop) headers.dpop = await this.dpop.proof('POST', url)
      const response = await this.http({
        method: 'POST',
        url,
        headers,
        body: formEncode(body),
        signal: options.signal,
        timeout: options.timeout,
      })
      if (!this.dpop) return response
      const fresh = this.dpop.observe(url, response.headers.get('dpop-nonce'))
      if (
        attempt > 0 ||
        !fresh ||
        !wantsDPoPNonce(response.status, response.headers.get('www-authenticate'), response.text)
      ) {
        return response
      }
    }
  }

  /** A token request (RFC 6749 §4): the validated response as an {@link OAuth2Token}. */
  async requestToken(
    url: string,
    params: Record<string, string | readonly string[] | undefined>,
    call: CallOptions = {},
  ): Promise<OAuth2Token> {
    const response = await this.post(url, params, { ...call, what: 'the token endpoint' })
    const fields = await readJson(response, tokenResponseSchema, 'the token endpoint')
    return new OAuth2Token(inServerOrder(parseJson(response.text), fields))
  }

  /**
   * Validates the ID token of a new token (when there is one and an issuer to check it against) and attaches
   * its claims as `idTokenClaims`; a refreshed ID token must be about the same subject as the previous one.
   */
  async checkIdToken(token: OAuth2Token, previous: OAuth2Token | undefined, nonce?: string): Promise<void> {
    if (!token.id_token || !this.issuer) return
    const claims = await this.validateIdToken(token.id_token, { nonce })
    const before = previous?.idTokenClaims as IdTokenClaims | undefined
    if (before && !nonce && before.sub !== claims.sub) {
      throw new OAuthError('invalid_id_token', {
        description: 'the refreshed ID token is for another subject',
      })
    }
    Object.defineProperty(token, 'idTokenClaims', { value: claims, enumerable: false, configurable: true })
  }

  /** Validates an ID token against the issuer's metadata and JWKS. */
  async validateIdToken(
    idToken: string,
    options: { nonce?: string | undefined; maxAge?: number | undefined } = {},
  ): Promise<IdTokenClaims> {
    const metadata = await this.metadata()
    if (!metadata) throw new TypeError('validating an ID token needs an issuer or metadata')
    return validateIdToken(idToken, {
      issuer: metadata.issuer,
      clientId: this.clientId,
      jwks: await this.jwks(),
      nonce: options.nonce,
      maxAge: options.maxAge,
      clockSkew: this.clockSkew,
      algorithms: metadata.id_token_signing_alg_values_supported,
    })
  }
}
