import { invalidArg } from '@x/pool'
import { scopeToString } from './authorization.js'
import type { CallOptions } from './call-options.js'
import { DEVICE_CODE_GRANT } from './device-flow.js'

/**
 * The token exchange grant type (RFC 8693 §2.1).
 *
 * @example
 * ```ts
 * await client.fetchToken(tokenUrl, { grantType: TOKEN_EXCHANGE_GRANT, subjectToken, subjectTokenType })
 * ```
 */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'

/**
 * Options of `fetchToken`. Known camelCase options are sent under their wire names; any other key is sent
 * verbatim as a form parameter (extension grants: `assertion`, vendor parameters...), as Authlib's `**kwargs`.
 *
 * @example
 * ```ts
 * const options: FetchTokenOptions = { grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }
 * ```
 */
export interface FetchTokenOptions {
  /** Abandons this caller's wait (the shared request stops when every caller has gone). */
  signal?: AbortSignal | undefined
  /** This request's timeout, in place of the session's. */
  timeout?: CallOptions['timeout']
  /** Inferred when absent: `authorization_code` with a code, `password` with username and password,
   * device code, `refresh_token`, token exchange, else `client_credentials`. Any grant URI is accepted. */
  grantType?: string | undefined
  /**
   * The authorization code (authorization code grant), when not read from `authorizationResponse`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
   */
  code?: string | undefined
  /** The full callback URL: state is checked (before any network call), then the code is read. */
  authorizationResponse?: string | undefined
  /** The state sent with the authorization request (default: the one the session generated). */
  state?: string | undefined
  /**
   * The PKCE code verifier; default: the one the session generated with the authorization URL.
   * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.5
   */
  codeVerifier?: string | undefined
  /**
   * The `redirect_uri` of the authorization request; default: the one the session used, else its
   * `redirectUri`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
   */
  redirectUri?: string | undefined
  /** The nonce sent with the authorization request (default: the one the session generated). */
  nonce?: string | undefined
  /**
   * The resource owner's user name (password grant).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.3.2
   */
  username?: string | undefined
  /**
   * The resource owner's password (password grant).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.3.2
   */
  password?: string | undefined
  /**
   * A refresh token to redeem (refresh token grant).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
   */
  refreshToken?: string | undefined
  /**
   * The scope requested (a list is joined with spaces); default: the session's `scope`, except for the
   * authorization code and refresh token grants.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
   */
  scope?: string | readonly string[] | undefined
  /**
   * The `device_code` from the device authorization response (device code grant).
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
   */
  deviceCode?: string | undefined
  /**
   * The token to exchange (token exchange).
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  subjectToken?: string | undefined
  /**
   * The type of `subjectToken`, e.g. `urn:ietf:params:oauth:token-type:access_token`.
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  subjectTokenType?: string | undefined
  /**
   * A token representing the party acting on behalf of the subject (token exchange).
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  actorToken?: string | undefined
  /**
   * The type of `actorToken`.
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  actorTokenType?: string | undefined
  /**
   * The type of token wanted (token exchange).
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  requestedTokenType?: string | undefined
  /**
   * Where the token will be used, as logical names (token exchange).
   * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
   */
  audience?: string | readonly string[] | undefined
  /**
   * Where the token will be used, as absolute URIs (resource indicators).
   * @see https://www.rfc-editor.org/rfc/rfc8707#section-2
   */
  resource?: string | readonly string[] | undefined
  /** The JWT of a JWT bearer grant (RFC 7523 §2.1). */
  assertion?: string | undefined
  /**
   * Extra form fields sent as given (wire names): `{ extraParams: { acr_values: 'mfa' } }`. Any other option key
   * is refused, so a typo (`scopes`) or a misplaced option (`clientSecret`) never goes on the wire.
   */
  extraParams?: Readonly<Record<string, string | readonly string[] | undefined>> | undefined
}

// The registry of FetchTokenOptions: each key's wire name, or null for the options read here and not sent as such.
// A key missing here (or unknown to the type) does not compile.
const WIRE: { readonly [K in keyof FetchTokenOptions]-?: string | null } = {
  signal: null,
  timeout: null,
  grantType: null,
  code: 'code',
  authorizationResponse: null,
  state: null,
  codeVerifier: 'code_verifier',
  redirectUri: 'redirect_uri',
  nonce: null,
  username: 'username',
  password: 'password',
  refreshToken: 'refresh_token',
  scope: null,
  deviceCode: 'device_code',
  subjectToken: 'subject_token',
  subjectTokenType: 'subject_token_type',
  actorToken: 'actor_token',
  actorTokenType: 'actor_token_type',
  requestedTokenType: 'requested_token_type',
  audience: 'audience',
  resource: 'resource',
  assertion: 'assertion',
  extraParams: null,
}

/**
 * The grant type `fetchToken` uses for these options (Authlib's inference, extended): the `grantType` given,
 * else the one the other options imply, else the session's `grantType`, else `client_credentials`.
 */
export function inferGrantType(options: FetchTokenOptions, sessionGrant?: string): string {
  if (options.grantType) return options.grantType
  if (options.code || options.authorizationResponse) return 'authorization_code'
  if (options.username !== undefined && options.password !== undefined) return 'password'
  if (options.deviceCode) return DEVICE_CODE_GRANT
  if (options.refreshToken) return 'refresh_token'
  if (options.subjectToken) return TOKEN_EXCHANGE_GRANT
  return sessionGrant ?? 'client_credentials'
}

/** Form parameters for a token request. */
export function grantParams(
  grantType: string,
  options: FetchTokenOptions,
  defaultScope: string | readonly string[] | undefined,
): Record<string, string | readonly string[] | undefined> {
  const params: Record<string, string | readonly string[] | undefined> = { grant_type: grantType }
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(WIRE, key))
      throw invalidArg(`options.${key}`, 'is not a known option (extra form fields go in extraParams)')
    const wire = WIRE[key as keyof FetchTokenOptions]
    if (value !== undefined && wire !== null) params[wire] = value as string | readonly string[]
  }
  for (const [key, value] of Object.entries(options.extraParams ?? {}))
    if (value !== undefined) params[key] = value
  // The scope of an authorization code grant was fixed by the authorization request.
  const scope =
    options.scope ??
    (grantType === 'authorization_code' || grantType === 'refresh_token' ? undefined : defaultScope)
  if (scope !== undefined) params.scope = scopeToString(scope)
  return params
}
