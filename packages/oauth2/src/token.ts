import { inspect } from 'node:util'
import { REDACTED } from '@x/pool'

const SECRET_FIELDS = new Set(['access_token', 'refresh_token', 'id_token', 'device_code', 'issued_token'])

/** The wire fields of a token, as a server returns them (RFC 6749 §5.1) plus whatever the server adds. */
export interface TokenFields {
  /**
   * The access token.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
   */
  access_token: string
  /**
   * The token type, `Bearer` (default) or `DPoP`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
   */
  token_type?: string | undefined
  /**
   * Lifetime of the access token, in seconds from when it was issued.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
   */
  expires_in?: number | undefined
  /** Absolute expiry, seconds since the epoch. Computed from `expires_in` when absent. */
  expires_at?: number | undefined
  /**
   * A refresh token, if the grant issued one.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
   */
  refresh_token?: string | undefined
  /**
   * The granted scope, space-separated.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
   */
  scope?: string | undefined
  /**
   * The OpenID Connect ID token (a JWT), for grants with the `openid` scope.
   * @see https://openid.net/specs/openid-connect-core-1_0.html#TokenResponse
   */
  id_token?: string | undefined
  [field: string]: unknown
}

/**
 * An OAuth 2.0 token with its wire field names (`access_token`, `expires_in`, `refresh_token`, ...) and
 * `expires_at` computed from `expires_in` when the server sends only the latter, as Authlib's OAuth2Token.
 *
 * `util.inspect` (and so `console.log`) hides the secret fields. `JSON.stringify(token)` keeps them, so a
 * token can be persisted and restored with `new OAuth2Token(JSON.parse(saved))`.
 *
 * @example
 * ```ts
 * const token = new OAuth2Token({ access_token: 'abc', token_type: 'Bearer', expires_in: 300 })
 * token.expires_at   // now + 300, in seconds
 * token.isExpired()  // false (60 s leeway)
 * console.log(token) // OAuth2Token { access_token: '[REDACTED]', token_type: 'Bearer', ... }
 * ```
 */
export class OAuth2Token {
  // Typed known fields (no index signature: a misspelt field is a compile error); other wire fields through get().
  /** RFC 6749 §5.1. */
  declare access_token: string
  /** RFC 6749 §7.1; `Bearer` when the server sent none. */
  declare token_type: string
  /** Lifetime in seconds (RFC 6749 §5.1), as received (a whole number). */
  declare expires_in?: number
  /** Absolute expiry, whole seconds since the epoch (Authlib's `expires_at`). */
  declare expires_at?: number
  /** RFC 6749 §6. */
  declare refresh_token?: string
  /** RFC 6749 §3.3, space-separated. */
  declare scope?: string
  /** OpenID Connect Core §3.1.3.3. */
  declare id_token?: string
  /** Token exchange, RFC 8693 §2.2.1. */
  declare issued_token_type?: string
  /** OpenID Connect Session Management §2 (Keycloak sends it). */
  declare session_state?: string
  /** Claims of the validated ID token, when the session validated one (non-enumerable: not persisted). */
  declare readonly idTokenClaims?: Record<string, unknown>

  constructor(fields: TokenFields, now: number = Date.now()) {
    Object.assign(this, fields)
    if (typeof this.token_type !== 'string') this.token_type = 'Bearer'
    // Authlib's OAuth2Token: expires_at = int(expires_at) (a float truncated), else now + int(expires_in) when
    // expires_in is truthy, so `expires_in: 0` means "no expiry". An expires_at that is not a number is
    // dropped (Authlib keeps it and is_expired() answers None) so isExpired() always answers for a token
    // with a usable expiry.
    const expiresIn = whole(this.expires_in)
    if (expiresIn === undefined) delete this.expires_in
    else this.expires_in = expiresIn
    const expiresAt = whole(this.expires_at)
    if (expiresAt !== undefined) this.expires_at = expiresAt
    else if (expiresIn) this.expires_at = Math.floor(now / 1000) + expiresIn
    else delete this.expires_at
  }

  /**
   * `true` when the token expires within `leeway` milliseconds (default 60 000), `undefined` when its expiry
   * is unknown (no `expires_at`/`expires_in`), as Authlib.
   */
  isExpired(leeway = 60_000): boolean | undefined {
    if (typeof this.expires_at !== 'number') return undefined
    return this.expires_at * 1000 - leeway <= Date.now()
  }

  /**
   * Any wire field by name, the typed ones and those a server adds (`refresh_expires_in`, `not-before-policy`...),
   * as Authlib's `token[name]`.
   *
   * @example
   * ```ts
   * token.get('refresh_expires_in') // 1800 (Keycloak)
   * ```
   */
  get(field: string): unknown {
    return Object.hasOwn(this, field) ? (this as unknown as Record<string, unknown>)[field] : undefined
  }

  /** All wire fields, secrets included (for persisting the token). */
  toJSON(): TokenFields {
    return { ...this } as unknown as TokenFields
  }

  /** Redacted view for `util.inspect` / `console.log`. */
  [inspect.custom](depth: number, options: object, inspectFn: typeof inspect = inspect): string {
    if (depth < 0) return 'OAuth2Token {…}'
    const shown: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(this)) shown[key] = SECRET_FIELDS.has(key) ? REDACTED : value
    return `OAuth2Token ${inspectFn(shown, options)}`
  }
}

/** A whole number of seconds from a number or a numeric string (Python's `int()`), else undefined. */
function whole(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value)
  return undefined
}

/**
 * The validated fields of a token response in the order the server sent them (a schema puts its own keys
 * first), with fields the schema added (a default `token_type`) after them, as Authlib keeps the server's dict.
 */
export function inServerOrder(raw: unknown, validated: TokenFields): TokenFields {
  if (typeof raw !== 'object' || raw === null) return validated
  const ordered: Record<string, unknown> = {}
  for (const key of Object.keys(raw)) if (key in validated) ordered[key] = validated[key]
  return Object.assign(ordered, validated) as TokenFields
}

/** The Authorization header value for a token (`Bearer` spelled canonically, other types as sent). */
export function authorizationHeader(token: OAuth2Token): string {
  return `${token.token_type.toLowerCase() === 'bearer' ? 'Bearer' : token.token_type} ${token.access_token}`
}

/**
 * When to renew a token, in epoch milliseconds: `leeway` before expiry, at most half the token's lifetime
 * before it (so a 30 s token with a 60 s leeway is not renewed on every request); never without an expiry.
 */
export function renewDeadline(token: OAuth2Token, leeway: number): number {
  if (token.expires_at === undefined) return Number.POSITIVE_INFINITY
  const lifetime =
    typeof token.expires_in === 'number' && token.expires_in > 0
      ? token.expires_in * 1000
      : Number.POSITIVE_INFINITY
  return token.expires_at * 1000 - Math.min(leeway, lifetime / 2)
}
