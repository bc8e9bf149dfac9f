import type { Response } from '@x/requests'
import { type CallOptions, callOptions } from './call-options.js'
import { createEndSessionUrl, type EndSessionOptions } from './end-session.js'
import { MissingTokenError } from './errors/missing-token-error.js'
import { type DevicePollOptions, pollDeviceToken, requestDeviceAuthorization } from './device-flow.js'
import { type FetchTokenOptions, TOKEN_EXCHANGE_GRANT } from './grant-params.js'
import { type PushedAuthorizationResponse, pushAuthorizationRequest } from './par.js'
import type { AuthorizationRequest, AuthorizationUrlParams } from './authorization.js'
import { createAuthorizationUrl } from './authorization.js'
import type { DeviceAuthorizationResponse, IntrospectionResponse, UserInfo } from './schemas.js'
import { toHttpResponse } from './session-http.js'
import { defaultManagedToken, introspectToken, revokeToken, type TokenTypeHint } from './token-management.js'
import { TokenSession } from './token-session.js'
import type { OAuth2Token } from './token.js'
import { readUserinfo } from './userinfo.js'

/** Options of {@link OAuth2Session.exchangeToken} (RFC 8693 §2.1), camelCase for the wire names. */
export interface TokenExchangeOptions extends FetchTokenOptions {
  /**
   * The token to exchange.
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  subjectToken: string
  /**
   * The type of `subjectToken`, e.g. `urn:ietf:params:oauth:token-type:access_token`.
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  subjectTokenType: string
}

/**
 * Authlib's `OAuth2Session` as an `@x/requests` `Session`: it fetches tokens with every grant, and the
 * requests made with it carry the token and renew it before it expires (one renewal at a time, however
 * many requests wait), with an `updateToken` hook to persist each new token. OpenID Connect, device flow,
 * token exchange, PAR, DPoP, revocation and introspection included.
 *
 * @example
 * ```ts
 * const client = new OAuth2Session({ clientId: 'admin-cli' })
 * const token = await client.fetchToken('http://127.0.0.1:8080/realms/master/protocol/openid-connect/token', {
 *   username: 'admin', password: 'admin', grantType: 'password',
 * })
 * const users = await client.get('http://127.0.0.1:8080/admin/realms/master/users/count')
 * ```
 */
export class OAuth2Session extends TokenSession {
  /**
   * Pushes the authorization request to the PAR endpoint (RFC 9126) and returns the URL to send the
   * browser to (`client_id` + `request_uri`), with the state, verifier and nonce remembered as for
   * `createAuthorizationUrl`.
   *
   * @example
   * ```ts
   * const { url } = await client.pushAuthorizationRequest()   // endpoints from discovery
   * const pushed = await client.pushAuthorizationRequest(undefined, {}, { timeout: 5_000 })
   * ```
   * @see https://www.rfc-editor.org/rfc/rfc9126#section-2
   */
  async pushAuthorizationRequest(
    url?: string,
    options: AuthorizationUrlParams & { parEndpoint?: string } = {},
    call: CallOptions = {},
  ): Promise<AuthorizationRequest & PushedAuthorizationResponse> {
    const { parEndpoint, ...params } = options
    const authorize = await this.core.endpoint('authorization_endpoint', url, call)
    const par = await this.core.endpoint('pushed_authorization_request_endpoint', parEndpoint, call)
    const redirectUri = params.redirectUri ?? this.redirectUri
    const request = createAuthorizationUrl(authorize, {
      scope: this.scope,
      ...params,
      clientId: this.clientId,
      redirectUri,
    })
    const pushed = await pushAuthorizationRequest(
      this.core,
      par,
      Object.fromEntries(new URL(request.url).searchParams),
      callOptions(call),
    )
    this.remember(request, redirectUri)
    const target = new URL(authorize)
    target.searchParams.set('client_id', this.clientId)
    target.searchParams.set('request_uri', pushed.request_uri)
    return { ...request, ...pushed, url: target.toString() }
  }

  /**
   * Starts the device flow (RFC 8628 §3.1): show `user_code` and `verification_uri` to the user, then
   * call {@link OAuth2Session.pollDeviceToken}.
   *
   * @example
   * ```ts
   * const device = await client.deviceAuthorization()
   * console.log(`Open ${device.verification_uri} and enter ${device.user_code}`)
   * const token = await client.pollDeviceToken(device)
   * ```
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.1
   */
  async deviceAuthorization(
    url?: string,
    options: CallOptions & {
      scope?: string | readonly string[]
      [param: string]: string | readonly string[] | CallOptions[keyof CallOptions]
    } = {},
  ): Promise<DeviceAuthorizationResponse> {
    const { scope = this.scope, signal, timeout, ...extra } = options
    const call = callOptions({ signal, timeout })
    const endpoint = await this.core.endpoint('device_authorization_endpoint', url, call)
    const params = {
      ...(extra as Record<string, string | readonly string[] | undefined>),
      scope: typeof scope === 'string' || scope === undefined ? scope : scope.join(' '),
    }
    return requestDeviceAuthorization(this.core, endpoint, params, call)
  }

  /**
   * Polls the token endpoint until the user approves the device (honouring `interval`, `slow_down`,
   * `authorization_pending` and expiry), then makes the token the session's.
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
   */
  async pollDeviceToken(
    authorization: DeviceAuthorizationResponse,
    options: DevicePollOptions & { tokenEndpoint?: string } = {},
  ): Promise<OAuth2Token> {
    const endpoint = await this.core.endpoint(
      'token_endpoint',
      options.tokenEndpoint ?? this.tokenEndpoint,
      callOptions(options),
    )
    const token = await pollDeviceToken(this.core, endpoint, authorization, options)
    this.tokenEndpoint ??= endpoint
    return this.adopt(token, 'urn:ietf:params:oauth:grant-type:device_code')
  }

  /**
   * Token exchange (RFC 8693): trades `subjectToken` for a new token, which becomes the session's.
   *
   * @example
   * ```ts
   * await client.exchangeToken(tokenUrl, {
   *   subjectToken: other.access_token, subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token', audience: 'api',
   * })
   * ```
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  exchangeToken(url: string | undefined, options: TokenExchangeOptions): Promise<OAuth2Token> {
    return this.fetchToken(url, { ...options, grantType: TOKEN_EXCHANGE_GRANT })
  }

  /**
   * Revokes a token (RFC 7009); by default the session's refresh token when it has one, else its access token,
   * sent without a `token_type_hint` unless one is given (as Authlib).
   *
   * @example
   * ```ts
   * await client.revokeToken(undefined, client.token?.refresh_token, 'refresh_token')
   * await client.revokeToken(undefined, undefined, undefined, { signal: AbortSignal.timeout(3_000) })
   * ```
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.revoke_token
   * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
   */
  async revokeToken(
    url?: string,
    token?: string,
    tokenTypeHint?: TokenTypeHint,
    options: CallOptions = {},
  ): Promise<void> {
    const value = token ?? defaultManagedToken(this.token)
    if (!value) throw new MissingTokenError('there is no token to revoke')
    const call = callOptions(options)
    const endpoint = await this.core.endpoint('revocation_endpoint', url, call)
    await revokeToken(this.core, endpoint, value, tokenTypeHint, call)
  }

  /**
   * Introspects a token (RFC 7662); by default the session's refresh token when it has one, else its access
   * token, sent without a `token_type_hint` unless one is given (as Authlib).
   *
   * @example
   * ```ts
   * const { active, scope } = await client.introspectToken()
   * await client.introspectToken(undefined, undefined, undefined, { timeout: 2_000 })
   * ```
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session.introspect_token
   * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1
   */
  async introspectToken(
    url?: string,
    token?: string,
    tokenTypeHint?: TokenTypeHint,
    options: CallOptions = {},
  ): Promise<IntrospectionResponse> {
    const value = token ?? defaultManagedToken(this.token)
    if (!value) throw new MissingTokenError('there is no token to introspect')
    const call = callOptions(options)
    const endpoint = await this.core.endpoint('introspection_endpoint', url, call)
    return introspectToken(this.core, endpoint, value, tokenTypeHint, call)
  }

  /**
   * Fetches the UserInfo claims with the session's token (renewed when due); `sub` must match the ID
   * token's (OpenID Connect Core §5.3.4).
   *
   * @example
   * ```ts
   * const { sub, email } = await client.userinfo()
   * ```
   * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
   */
  async userinfo(url?: string, options: CallOptions = {}): Promise<UserInfo> {
    const call = callOptions(options)
    const endpoint = await this.core.endpoint('userinfo_endpoint', url, call)
    const response: Response = await this.get(endpoint, {
      headers: { accept: 'application/json, application/jwt' },
      ...call,
    })
    const sub = this.token?.idTokenClaims?.sub
    return readUserinfo(this.core, toHttpResponse(response), typeof sub === 'string' ? sub : undefined)
  }

  /**
   * The RP-initiated logout URL (`end_session_endpoint`), with the session's ID token as `id_token_hint`.
   *
   * @example
   * ```ts
   * const logout = await client.endSessionUrl({ postLogoutRedirectUri: 'http://127.0.0.1:3000/' })
   * ```
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
  async endSessionUrl(options: EndSessionOptions & CallOptions & { url?: string } = {}): Promise<string> {
    const { url, signal, timeout, ...rest } = options
    const endpoint = await this.core.endpoint('end_session_endpoint', url, callOptions({ signal, timeout }))
    return createEndSessionUrl(endpoint, {
      clientId: this.clientId,
      idTokenHint: this.token?.id_token,
      ...rest,
    })
  }
}
