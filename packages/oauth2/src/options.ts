import { type OptionRegistry, optionKeys, optionSchema as s, parseOptions } from '@x/pool'
import type { SessionOptions } from '@x/requests'
import type { ClientAuthMethod, PrivateKeyInput } from './client-auth.js'
import type { DPoPKeyPair } from './dpop.js'
import { type AuthorizationServerMetadata, metadataSchema } from './schemas.js'
import type { OAuth2Token, TokenFields } from './token.js'
import type { TokenStore } from './token-store.js'
import { redirectUriProblem, urlProblem } from './urls.js'

/**
 * Called after every new token (fetched, refreshed, re-obtained), so callers can persist it.
 *
 * @example
 * ```ts
 * const updateToken: UpdateTokenHook = async (token) => { await writeFile('token.json', JSON.stringify(token)) }
 * ```
 */
export type UpdateTokenHook = (
  token: OAuth2Token,
  context: { grantType: string; refreshToken: string | undefined; accessToken: string | undefined },
) => void | Promise<void>

/**
 * The options `OAuth2Session` adds to those of an `@x/requests` `Session`. Durations in milliseconds.
 *
 * @example
 * ```ts
 * const options: OAuth2Options = { clientId: 'app', issuer: 'https://op.example', scope: 'openid', leeway: 30_000 }
 * ```
 */
export interface OAuth2Options {
  /**
   * The client identifier issued by the authorization server.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.2
   */
  clientId: string
  /**
   * The client secret, for `client_secret_basic`, `client_secret_post` or `client_secret_jwt`; never shown by
   * `util.inspect`.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
   */
  clientSecret?: string | undefined
  /** Private key for `private_key_jwt` client authentication. */
  privateKey?: PrivateKeyInput | undefined
  /** `client_secret_basic` (default with a secret), `client_secret_post`, `none` (default without),
   * `client_secret_jwt`, `private_key_jwt` (default with a privateKey), or a name registered with
   * `registerClientAuthMethod`. */
  tokenEndpointAuthMethod?: string | undefined
  /**
   * Default scope of authorization URLs and token requests (a list is joined with spaces).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
   */
  scope?: string | readonly string[] | undefined
  /**
   * Default `redirect_uri` of authorization URLs and of the authorization code grant.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2
   */
  redirectUri?: string | undefined
  /** A token to start with (a persisted one). */
  token?: OAuth2Token | TokenFields | undefined
  /** Where requests carry the token: the Authorization header (default), the form body, or the query. */
  tokenPlacement?: 'header' | 'body' | 'uri' | undefined
  /** Refresh this long before expiry; default 60 000, at most half the token's lifetime. */
  leeway?: number | undefined
  /** Clock difference tolerated when validating ID tokens; default 60 000. */
  clockSkew?: number | undefined
  /**
   * Called after every new token (fetched, refreshed, re-obtained) to persist it (Authlib's `update_token`).
   * @see https://docs.authlib.org/en/latest/client/api.html#authlib.integrations.requests_client.OAuth2Session
   */
  updateToken?: UpdateTokenHook | undefined
  /** Issuer for OpenID Connect discovery (`/.well-known/openid-configuration`). */
  issuer?: string | undefined
  /** Server metadata, when known (skips discovery). */
  metadata?: AuthorizationServerMetadata | undefined
  /** Token endpoint for refreshes when neither a URL was given to fetchToken nor metadata names one. */
  tokenEndpoint?: string | undefined
  /** PKCE method for createAuthorizationUrl: `S256` (default), `plain`, or `false` for none. */
  codeChallengeMethod?: 'S256' | 'plain' | false | undefined
  /** DPoP-bound tokens (RFC 9449): `true` generates an ES256 key pair, or pass your own. */
  dpop?: boolean | DPoPKeyPair | undefined
  /** Extra client authentication methods, by name. */
  clientAuthMethods?: Record<string, ClientAuthMethod> | undefined
  /**
   * The grant the session's tokens come from, as Authlib's client metadata `grant_type`. With
   * `'client_credentials'` the first request fetches a token lazily and a token without a refresh token
   * (a restored one included) is renewed by asking again. Default: the grant of the last `fetchToken`.
   */
  grantType?: string | undefined
  /**
   * Where the token lives and who may renew it (a shared store gives a fleet one token and one renewal).
   * Default: a {@link MemoryTokenStore} of the session's own (one renewal in flight per session).
   */
  tokenStore?: TokenStore | undefined
  /**
   * The subject part of the token store key (a user id): sessions acting for different users through one shared
   * store must each set their own, or they would share one token. Absent for a client's own token.
   */
  tokenStoreSubject?: string | undefined
}

const checkedUrl = (problem: (value: string) => string | undefined, error: string) =>
  s.string({ error }).check(
    s.superRefine((value, ctx) => {
      const message = problem(value)
      if (message) ctx.addIssue({ code: 'custom', message, input: value })
    }),
  )
const DURATION = 'must be a number of milliseconds'
const NON_EMPTY = 'must be a non-empty string'

/**
 * A schema per option of {@link OAuth2Options} (the registry: a key missing here or unknown to the type does not
 * compile), built when options are first validated. @x/pool's option validator (zod/mini's API without loading zod,
 * issue 11); each check names its message.
 */
function oauthShape() {
  const fn = s.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function')
  const object = s.custom<object>((v) => typeof v === 'object' && v !== null, 'must be an object')
  // http(s), no control characters (WHATWG parsing would silently drop CR/LF and tabs).
  const httpUrl = checkedUrl(urlProblem, 'must be an http(s) URL')
  // RFC 6749 §3.1.2: absolute, no fragment; no credentials either.
  const redirectUrl = checkedUrl(redirectUriProblem, 'must be an absolute URL')
  const duration = s.number({ error: DURATION }).check(s.gte(0, { error: DURATION }))
  const nonEmpty = s.string({ error: NON_EMPTY }).check(s.minLength(1, { error: NON_EMPTY }))
  return {
    clientId: nonEmpty,
    clientSecret: s.optional(s.string({ error: 'must be a string' })),
    privateKey: s.optional(object),
    tokenEndpointAuthMethod: s.optional(nonEmpty),
    scope: s.optional(
      s.union([s.string(), s.array(s.string())], { error: 'must be a string or an array of strings' }),
    ),
    redirectUri: s.optional(redirectUrl),
    token: s.optional(
      s.custom<TokenFields>(
        (v) => typeof v === 'object' && v !== null && typeof (v as TokenFields).access_token === 'string',
        'must be a token with an access_token string',
      ),
    ),
    tokenPlacement: s.optional(
      s.enum(['header', 'body', 'uri'], { error: "must be 'header', 'body' or 'uri'" }),
    ),
    leeway: s.optional(duration),
    clockSkew: s.optional(duration),
    updateToken: s.optional(fn),
    issuer: s.optional(httpUrl),
    metadata: s.optional(metadataSchema()),
    tokenEndpoint: s.optional(httpUrl),
    codeChallengeMethod: s.optional(
      s.union([s.enum(['S256', 'plain']), s.literal(false)], { error: "must be 'S256', 'plain' or false" }),
    ),
    dpop: s.optional(
      s.union(
        [s.boolean(), s.object({ privateKey: object, publicKey: object, alg: s.optional(s.string()) })],
        {
          error: 'must be a boolean or { privateKey, publicKey, alg? }',
        },
      ),
    ),
    clientAuthMethods: s.optional(
      s.record(s.string({ error: 'must be a function per method name' }), fn, {
        error: 'must be an object of functions',
      }),
    ),
    grantType: s.optional(nonEmpty),
    tokenStore: s.optional(
      s.custom<TokenStore>(
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          ['read', 'write', 'renew'].every(
            (m) => typeof (v as unknown as Record<string, unknown>)[m] === 'function',
          ),
        'must be a token store (read, write and renew methods)',
      ),
    ),
    tokenStoreSubject: s.optional(nonEmpty),
  } satisfies { [K in keyof OAuth2Options]-?: s.Schema }
}
let shape: ReturnType<typeof oauthShape> | undefined
function builtShape(): ReturnType<typeof oauthShape> {
  shape ??= oauthShape()
  return shape
}
const schema = /* @__PURE__ */ s.lazy(() => s.object(builtShape(), { error: 'must be an object' }))

/** Keys of {@link OAuth2Options}; every other option key belongs to (and is validated by) `@x/requests`' Session. */
let oauthOptionKeys: ReadonlySet<keyof OAuth2Options & string> | undefined
function oauthKeys(): ReadonlySet<keyof OAuth2Options & string> {
  oauthOptionKeys ??= optionKeys<OAuth2Options>(
    Object.fromEntries(Object.keys(builtShape()).map((k) => [k, true])) as OptionRegistry<OAuth2Options>,
  )
  return oauthOptionKeys
}

// An OAuth option named like a Session option would be taken from the Session: refuse that at compile time.
type Overlap = keyof OAuth2Options & keyof SessionOptions
const noOverlap: [Overlap] extends [never] ? true : Overlap = true
void noOverlap

/**
 * Validates the OAuth options once (a TypeError with code ERR_INVALID_ARG_VALUE names the bad path) and splits
 * them from the Session options, which the Session validates itself (unknown keys included).
 */
export function splitOptions(options: OAuth2Options & SessionOptions): {
  oauth: OAuth2Options
  session: SessionOptions
} {
  parseOptions(schema, options)
  const keys = oauthKeys()
  const oauth: Record<string, unknown> = {}
  const session: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) {
    if (keys.has(key as keyof OAuth2Options)) oauth[key] = value
    else if (value !== undefined) session[key] = value
  }
  return { oauth: oauth as unknown as OAuth2Options, session }
}
