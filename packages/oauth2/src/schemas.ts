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
      issuer: url(),
      authorization_endpoint: z.optional(url()),
      token_endpoint: z.optional(url()),
      jwks_uri: z.optional(url()),
      userinfo_endpoint: z.optional(url()),
      end_session_endpoint: z.optional(url()),
      device_authorization_endpoint: z.optional(url()),
      revocation_endpoint: z.optional(url()),
      introspection_endpoint: z.optional(url()),
      pushed_authorization_request_endpoint: z.optional(url()),
      require_pushed_authorization_requests: z.optional(boolean()),
      authorization_response_iss_parameter_supported: z.optional(boolean()),
      id_token_signing_alg_values_supported: z.optional(strings()),
      userinfo_signing_alg_values_supported: z.optional(strings()),
      token_endpoint_auth_methods_supported: z.optional(strings()),
      token_endpoint_auth_signing_alg_values_supported: z.optional(strings()),
      code_challenge_methods_supported: z.optional(strings()),
      dpop_signing_alg_values_supported: z.optional(strings()),
      grant_types_supported: z.optional(strings()),
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
      active: boolean(),
      scope: z.optional(string()),
      client_id: z.optional(string()),
      username: z.optional(string()),
      token_type: z.optional(string()),
      exp: z.optional(number()),
      iat: z.optional(number()),
      nbf: z.optional(number()),
      sub: z.optional(string()),
      aud: z.optional(z.union([string(), strings()], { error: 'must be a string or an array of strings' })),
      iss: z.optional(string()),
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
          device_code: nonEmpty(),
          user_code: nonEmpty(),
          verification_uri: z.optional(nonEmpty()),
          verification_url: z.optional(nonEmpty()),
          verification_uri_complete: z.optional(string()),
          expires_in: seconds(),
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
    z.transform((d) => ({ ...d, verification_uri: (d.verification_uri ?? d.verification_url) as string })),
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
export const userinfoSchema = /* @__PURE__ */ lazySchema(() => z.looseObject({ sub: nonEmpty() }, OBJECT))
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
      request_uri: nonEmpty(),
      expires_in: seconds(),
    },
    OBJECT,
  ),
)
