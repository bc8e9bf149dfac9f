// The zod schemas of wire data, loaded by ./schemas.js on first use (a dynamic import), so that importing
// @x/oauth2 loads no zod (issue 11 item 3). Static `zod/mini` imports here keep bundles tree-shaken.
import * as z from 'zod/mini'

/**
 * A schema built on first use: importing the package builds none. Its own copy of schemas.ts's `once`: a module
 * shared with the eager code would become a chunk that the Node bundle loads at import (bundle-dist refuses it).
 */
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
