import * as z from 'zod/mini'
import { urlProblem } from './urls.js'

/** A schema built on first use: importing the package builds none. */
function lazySchema<S>(build: () => S): () => S {
  let schema: S | undefined
  return () => {
    if (schema === undefined) schema = build()
    return schema
  }
}

// Servers add fields of their own (Keycloak: session_state, refresh_expires_in, not-before-policy), so
// every schema keeps unknown keys; only the fields the client relies on are checked.
// zod/mini (tree-shakable, no default messages): each check names its problem, read as `"field" must be ...`.

const NON_EMPTY = 'must be a non-empty string'
const OBJECT = { error: 'must be a JSON object' }
const SECONDS = { error: 'must be a non-negative number of seconds' }
const nonEmpty = () => z.string({ error: NON_EMPTY }).check(z.minLength(1, { error: NON_EMPTY }))
const string = () => z.string({ error: 'must be a string' })
const strings = () =>
  z.array(z.string({ error: 'must be a string' }), { error: 'must be an array of strings' })
const boolean = () => z.boolean({ error: 'must be a boolean' })
const number = () => z.number({ error: 'must be a number' })

const seconds = /* @__PURE__ */ lazySchema(() =>
  z.union(
    [
      z.number().check(z.gte(0, SECONDS)),
      // Some servers send numbers as strings ("3600"); accept them, nothing else.
      z.pipe(
        z.string().check(z.regex(/^\d+$/, SECONDS)),
        z.transform((s: string) => Number(s)),
      ),
    ],
    SECONDS,
  ),
)
// http(s) and no control characters: URL parsing would drop CR/LF silently and send a different URL (and
// z.url() strips them before any later check could see them).
const url = /* @__PURE__ */ lazySchema(() =>
  z.string({ error: 'must be a URL string' }).check(
    z.superRefine((value, ctx) => {
      const message = urlProblem(value)
      if (message) ctx.addIssue({ code: 'custom', message, input: value })
    }),
  ),
)

/** Successful token response, RFC 6749 §5.1. */
export const tokenResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    {
      access_token: nonEmpty(),
      token_type: z._default(nonEmpty(), 'Bearer'),
      expires_in: z.optional(seconds()),
      expires_at: z.optional(seconds()),
      refresh_token: z.optional(nonEmpty()),
      scope: z.optional(string()),
      id_token: z.optional(nonEmpty()),
    },
    OBJECT,
  ),
)
export type TokenResponse = z.output<ReturnType<typeof tokenResponseSchema>>

/** Error response, RFC 6749 §5.2. */
export const errorResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    {
      error: nonEmpty(),
      error_description: z.optional(string()),
      error_uri: z.optional(string()),
    },
    OBJECT,
  ),
)

/** Authorization server metadata (RFC 8414) and OpenID Provider metadata (OpenID Connect Discovery 1.0). */
export const metadataSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    {
      /**
       * The issuer identifier URL, checked against the issuer the metadata was fetched for.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      issuer: url(),
      /**
       * The authorization endpoint (RFC 6749 §3.1).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      authorization_endpoint: z.optional(url()),
      /**
       * The token endpoint (RFC 6749 §3.2).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      token_endpoint: z.optional(url()),
      /**
       * The URL of the server's JSON Web Key Set, for verifying ID tokens.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      jwks_uri: z.optional(url()),
      /**
       * The OpenID Connect UserInfo endpoint.
       * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
       */
      userinfo_endpoint: z.optional(url()),
      /**
       * The OpenID Connect RP-initiated logout endpoint.
       * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#OPMetadata
       */
      end_session_endpoint: z.optional(url()),
      /**
       * The device authorization endpoint (RFC 8628).
       * @see https://www.rfc-editor.org/rfc/rfc8628#section-4
       */
      device_authorization_endpoint: z.optional(url()),
      /**
       * The token revocation endpoint (RFC 7009).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      revocation_endpoint: z.optional(url()),
      /**
       * The token introspection endpoint (RFC 7662).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      introspection_endpoint: z.optional(url()),
      /**
       * The pushed authorization request endpoint (RFC 9126).
       * @see https://www.rfc-editor.org/rfc/rfc9126#section-5
       */
      pushed_authorization_request_endpoint: z.optional(url()),
      /**
       * Whether the server accepts authorization requests only through PAR.
       * @see https://www.rfc-editor.org/rfc/rfc9126#section-5
       */
      require_pushed_authorization_requests: z.optional(boolean()),
      /**
       * Whether authorization responses carry `iss` (RFC 9207).
       * @see https://www.rfc-editor.org/rfc/rfc9207#section-3
       */
      authorization_response_iss_parameter_supported: z.optional(boolean()),
      /**
       * JWS algorithms the provider signs ID tokens with.
       * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
       */
      id_token_signing_alg_values_supported: z.optional(strings()),
      /**
       * JWS algorithms the provider can sign UserInfo responses with.
       * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
       */
      userinfo_signing_alg_values_supported: z.optional(strings()),
      /**
       * Client authentication methods the token endpoint accepts (`client_secret_basic`, `private_key_jwt`,
       * …).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      token_endpoint_auth_methods_supported: z.optional(strings()),
      /**
       * JWS algorithms accepted for `private_key_jwt` and `client_secret_jwt` assertions.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      token_endpoint_auth_signing_alg_values_supported: z.optional(strings()),
      /**
       * PKCE code challenge methods supported (`S256`, `plain`).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      code_challenge_methods_supported: z.optional(strings()),
      /**
       * JWS algorithms accepted for DPoP proofs.
       * @see https://www.rfc-editor.org/rfc/rfc9449#section-5.1
       */
      dpop_signing_alg_values_supported: z.optional(strings()),
      /**
       * Grant types the server supports.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      grant_types_supported: z.optional(strings()),
      /**
       * Scopes the server supports.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      scopes_supported: z.optional(strings()),
    },
    OBJECT,
  ),
)
/**
 * Authorization server / OpenID Provider metadata, as validated by `@x/oauth2`.
 *
 * @example
 * ```ts
 * const metadata = await client.metadata()
 * metadata?.token_endpoint
 * ```
 */
export type AuthorizationServerMetadata = z.output<ReturnType<typeof metadataSchema>>

/** Token introspection response, RFC 7662 §2.2. */
export const introspectionSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    {
      /**
       * Whether the token is active (valid, not expired nor revoked); the other fields are only meaningful
       * when `true`.
       * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
       */
      active: boolean(),
      /** The token's scope, space-separated. */
      scope: z.optional(string()),
      /** The client the token was issued to. */
      client_id: z.optional(string()),
      /** The resource owner who authorized the token. */
      username: z.optional(string()),
      /** The token type, e.g. `Bearer`. */
      token_type: z.optional(string()),
      /** Expiry, in seconds since the epoch. */
      exp: z.optional(number()),
      /** Issue time, in seconds since the epoch. */
      iat: z.optional(number()),
      /** Not-before time, in seconds since the epoch. */
      nbf: z.optional(number()),
      /** The subject of the token (usually the user). */
      sub: z.optional(string()),
      /** The audience(s) of the token. */
      aud: z.optional(z.union([string(), strings()], { error: 'must be a string or an array of strings' })),
      /** The issuer of the token. */
      iss: z.optional(string()),
      /** The token's identifier. */
      jti: z.optional(string()),
    },
    OBJECT,
  ),
)
/**
 * Token introspection response (RFC 7662).
 *
 * @example
 * ```ts
 * const { active, scope, exp } = await client.introspectToken()
 * ```
 */
export type IntrospectionResponse = z.output<ReturnType<typeof introspectionSchema>>

/** Device authorization response, RFC 8628 §3.2 (`verification_url` accepted as an alias, as Google sends). */
export const deviceAuthorizationSchema = /* @__PURE__ */ lazySchema(() =>
  z.pipe(
    z
      .looseObject(
        {
          /**
           * The device verification code, sent back when polling the token endpoint.
           * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
           */
          device_code: nonEmpty(),
          /**
           * The code the user types at `verification_uri`.
           * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
           */
          user_code: nonEmpty(),
          /**
           * The URL the user visits to enter `user_code`.
           * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
           */
          verification_uri: z.optional(nonEmpty()),
          /** Google's name for `verification_uri` (accepted as an alias). */
          verification_url: z.optional(nonEmpty()),
          /**
           * `verification_uri` with the user code included, e.g. for a QR code.
           * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
           */
          verification_uri_complete: z.optional(string()),
          /**
           * Lifetime of `device_code` and `user_code`, in seconds.
           * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
           */
          expires_in: seconds(),
          /**
           * Minimum seconds between token polls (default 5).
           * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
           */
          interval: z.optional(seconds()),
        },
        OBJECT,
      )
      .check(
        z.refine((d) => d.verification_uri ?? d.verification_url, {
          message: 'verification_uri is required',
          path: ['verification_uri'],
        }),
      ),
    z.transform((d) => ({
      ...d,
      /** The URL the user visits to enter `user_code` (`verification_url` when the server sent only that). */
      verification_uri: (d.verification_uri ?? d.verification_url) as string,
    })),
  ),
)
/**
 * Device authorization response (RFC 8628).
 *
 * @example
 * ```ts
 * const { user_code, verification_uri, interval } = await client.deviceAuthorization()
 * ```
 */
export type DeviceAuthorizationResponse = z.output<ReturnType<typeof deviceAuthorizationSchema>>

/** JSON Web Key Set, RFC 7517 §5. */
export const jwksSchema = /* @__PURE__ */ lazySchema(() =>
  z.object(
    {
      keys: z.array(
        z.looseObject({ kty: string(), kid: z.optional(string()), alg: z.optional(string()) }, OBJECT),
        {
          error: 'must be an array of keys',
        },
      ),
    },
    OBJECT,
  ),
)

/** UserInfo response, OpenID Connect Core §5.3.2. */
export const userinfoSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    {
      /** The subject: the user's identifier at the provider. */
      sub: nonEmpty(),
    },
    OBJECT,
  ),
)
/**
 * UserInfo claims.
 *
 * @example
 * ```ts
 * const { sub, email } = await client.userinfo()
 * ```
 */
export type UserInfo = z.output<ReturnType<typeof userinfoSchema>>

/** Pushed authorization response, RFC 9126 §2.2. */
export const parResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    {
      /**
       * The `request_uri` to send in the authorization request instead of its parameters.
       * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
       */
      request_uri: nonEmpty(),
      /**
       * Lifetime of `request_uri`, in seconds.
       * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
       */
      expires_in: seconds(),
    },
    OBJECT,
  ),
)
