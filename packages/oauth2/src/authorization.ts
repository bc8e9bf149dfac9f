import { IssuerMismatchError } from './errors/issuer-mismatch-error.js'
import { OAuthError } from './errors/oauth-error.js'
import { StateMismatchError } from './errors/state-mismatch-error.js'
import { createCodeVerifier, createS256CodeChallenge, generateToken } from './pkce.js'
import { checkRedirectUri, checkUrl } from './urls.js'

/** Authorization request parameters; any other key is sent as an extra query parameter. */
export interface AuthorizationUrlParams {
  /**
   * Where the server sends the user back (`redirect_uri`); through a session, default its `redirectUri`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
   */
  redirectUri?: string | undefined
  /**
   * The scope requested (a list is joined with spaces); through a session, default its `scope`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
   */
  scope?: string | readonly string[] | undefined
  /** `state` to send; generated when absent. */
  state?: string | undefined
  /** `nonce` to send; generated when the scope holds `openid`; `false` sends none. */
  nonce?: string | false | undefined
  /** PKCE code verifier; generated when absent; `false` disables PKCE. */
  codeVerifier?: string | false | undefined
  /** `S256` (default) or `plain`. */
  codeChallengeMethod?: 'S256' | 'plain' | undefined
  /** Defaults to `code`. */
  responseType?: string | undefined
  [param: string]: string | readonly string[] | boolean | undefined
}

/** Options of {@link createAuthorizationUrl}: the parameters plus the client id. */
export interface AuthorizationUrlOptions extends AuthorizationUrlParams {
  /**
   * The client identifier (`client_id`).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
   */
  clientId: string
}

/** What {@link createAuthorizationUrl} built, and the secrets to keep until the callback arrives. */
export interface AuthorizationRequest {
  /**
   * The authorization URL to send the user to.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
   */
  url: string
  /**
   * The `state` sent: keep it to check the response against.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
   */
  state: string
  /**
   * The PKCE code verifier, for the token request (absent when PKCE is off).
   * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
   */
  codeVerifier?: string
  /**
   * The `nonce` sent (OpenID Connect), checked against the ID token.
   * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
   */
  nonce?: string
}

const OWN_KEYS = new Set([
  'clientId',
  'redirectUri',
  'scope',
  'state',
  'nonce',
  'codeVerifier',
  'codeChallengeMethod',
  'responseType',
])

/** Space-separated scope string from a string or a list. */
export function scopeToString(scope: string | readonly string[] | undefined): string | undefined {
  if (scope === undefined) return undefined
  return typeof scope === 'string' ? scope : scope.join(' ')
}

/**
 * Builds the authorization URL (RFC 6749 §4.1.1) with `state`, PKCE S256 (RFC 7636) and, for OpenID
 * Connect, a `nonce`: each generated unless given. A `redirectUri` with a fragment or credentials, or a
 * URL with control characters, throws a TypeError with code `ERR_INVALID_ARG_VALUE` (RFC 6749 §3.1.2).
 *
 * @example
 * ```ts
 * const { url, state, codeVerifier } = createAuthorizationUrl('https://op.example/authorize', {
 *   clientId: 'app', redirectUri: 'http://127.0.0.1:3000/cb', scope: 'openid profile',
 * })
 * ```
 */
export function createAuthorizationUrl(
  endpoint: string,
  options: AuthorizationUrlOptions,
): AuthorizationRequest {
  const target = new URL(checkUrl(endpoint, 'url'))
  if (options.redirectUri !== undefined) checkRedirectUri(options.redirectUri, 'options.redirectUri')
  const q = target.searchParams
  const state = options.state ?? generateToken()
  const scope = scopeToString(options.scope)
  q.set('response_type', options.responseType ?? 'code')
  q.set('client_id', options.clientId)
  if (options.redirectUri) q.set('redirect_uri', options.redirectUri)
  if (scope) q.set('scope', scope)
  q.set('state', state)
  const result: AuthorizationRequest = { url: '', state }
  const nonce =
    options.nonce === false
      ? undefined
      : (options.nonce ?? (scope?.split(' ').includes('openid') ? generateToken() : undefined))
  if (nonce) {
    q.set('nonce', nonce)
    result.nonce = nonce
  }
  if (options.codeVerifier !== false) {
    const verifier = options.codeVerifier ?? createCodeVerifier()
    const method = options.codeChallengeMethod ?? 'S256'
    q.set('code_challenge', method === 'S256' ? createS256CodeChallenge(verifier) : verifier)
    q.set('code_challenge_method', method)
    result.codeVerifier = verifier
  }
  for (const [key, value] of Object.entries(options)) {
    if (OWN_KEYS.has(key) || value === undefined || value === false) continue
    if (typeof value === 'string') q.set(key, value)
    else if (value === true) q.set(key, 'true')
    else for (const v of value) q.append(key, v)
  }
  result.url = target.toString()
  return result
}

/** What to check in an authorization response. */
export interface AuthorizationResponseChecks {
  /** The `state` that was sent. When given, a different or missing `state` is refused. */
  state?: string | undefined
  /** The expected issuer (RFC 9207): when the response carries `iss`, it must equal this. */
  issuer?: string | undefined
  /** The server promised `iss` (`authorization_response_iss_parameter_supported`): a missing `iss` is refused. */
  requireIssuer?: boolean | undefined
}

/** The parameters of a successful authorization response. */
export interface AuthorizationResponse {
  /**
   * The authorization code, to redeem at the token endpoint.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
   */
  code: string
  /** The `state` the server returned. */
  state: string | undefined
  /**
   * The issuer the server named (RFC 9207), when it sent one.
   * @see https://www.rfc-editor.org/rfc/rfc9207#section-2
   */
  iss: string | undefined
  /** Every parameter of the response, as received. */
  params: URLSearchParams
}

/** The parameters of a callback URL: its query, or its fragment (implicit / `response_mode=fragment`). */
export function callbackParams(url: string): URLSearchParams {
  const parsed = new URL(url, 'http://localhost/')
  const params = parsed.searchParams
  if (!params.has('code') && !params.has('error') && parsed.hash.length > 1) {
    return new URLSearchParams(parsed.hash.slice(1))
  }
  return params
}

/**
 * Parses the redirect URL the authorization server sent the browser to. Refuses a `state` mismatch
 * ({@link StateMismatchError}) and a wrong `iss` ({@link IssuerMismatchError}, RFC 9207) before looking at
 * anything else, then turns an `error` into an {@link OAuthError}. No network call is made.
 *
 * @example
 * ```ts
 * const { code } = parseAuthorizationResponse(callbackUrl, { state: savedState, issuer: 'https://op.example' })
 * ```
 */
export function parseAuthorizationResponse(
  url: string,
  checks: AuthorizationResponseChecks = {},
): AuthorizationResponse {
  const params = callbackParams(url)
  const state = params.get('state') ?? undefined
  if (checks.state !== undefined && state !== checks.state) {
    throw new StateMismatchError('CSRF Warning! State not equal in request and response.')
  }
  const iss = params.get('iss') ?? undefined
  if (iss !== undefined && checks.issuer !== undefined && iss !== checks.issuer) {
    throw new IssuerMismatchError('the authorization response comes from another issuer (RFC 9207)')
  }
  if (iss === undefined && checks.requireIssuer) {
    throw new IssuerMismatchError(
      'the authorization response lacks the iss parameter the server promised (RFC 9207)',
    )
  }
  const error = params.get('error')
  if (error) {
    throw new OAuthError(error, {
      description: params.get('error_description') ?? undefined,
      uri: params.get('error_uri') ?? undefined,
    })
  }
  const code = params.get('code')
  if (!code)
    throw new OAuthError('invalid_request', { description: 'the authorization response has no code' })
  return { code, state, iss, params }
}

/**
 * RFC 9207 for a response parsed without the metadata at hand: `iss` must equal the issuer, and must be
 * present when the server advertises `authorization_response_iss_parameter_supported`.
 */
export function checkIssuerParameter(
  iss: string | undefined,
  metadata: { issuer: string; authorization_response_iss_parameter_supported?: boolean | undefined },
): void {
  if (iss !== undefined && iss !== metadata.issuer) {
    throw new IssuerMismatchError('the authorization response comes from another issuer (RFC 9207)')
  }
  if (iss === undefined && metadata.authorization_response_iss_parameter_supported) {
    throw new IssuerMismatchError(
      'the authorization response lacks the iss parameter the server promised (RFC 9207)',
    )
  }
}
