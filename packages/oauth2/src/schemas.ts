import { z } from 'zod'
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

const seconds = /* @__PURE__ */ lazySchema(() =>
  z.union([
    z.number().finite().nonnegative(),
    // Some servers send numbers as strings ("3600"); accept them, nothing else.
    z
      .string()
      .regex(/^\d+$/)
      .transform((s) => Number(s)),
  ]),
)
// http(s) and no control characters: URL parsing would drop CR/LF silently and send a different URL (and
// z.url() strips them before any later check could see them).
const url = /* @__PURE__ */ lazySchema(() =>
  z.string().superRefine((value, ctx) => {
    const message = urlProblem(value)
    if (message) ctx.addIssue({ code: 'custom', message })
  }),
)

/** Successful token response, RFC 6749 §5.1. */
export const tokenResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    access_token: z.string().min(1),
    token_type: z.string().min(1).default('Bearer'),
    expires_in: seconds().optional(),
    expires_at: seconds().optional(),
    refresh_token: z.string().min(1).optional(),
    scope: z.string().optional(),
    id_token: z.string().min(1).optional(),
  }),
)
export type TokenResponse = z.output<ReturnType<typeof tokenResponseSchema>>

/** Error response, RFC 6749 §5.2. */
export const errorResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    error: z.string().min(1),
    error_description: z.string().optional(),
    error_uri: z.string().optional(),
  }),
)

/** Authorization server metadata (RFC 8414) and OpenID Provider metadata (OpenID Connect Discovery 1.0). */
export const metadataSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    issuer: url(),
    authorization_endpoint: url().optional(),
    token_endpoint: url().optional(),
    jwks_uri: url().optional(),
    userinfo_endpoint: url().optional(),
    end_session_endpoint: url().optional(),
    device_authorization_endpoint: url().optional(),
    revocation_endpoint: url().optional(),
    introspection_endpoint: url().optional(),
    pushed_authorization_request_endpoint: url().optional(),
    require_pushed_authorization_requests: z.boolean().optional(),
    authorization_response_iss_parameter_supported: z.boolean().optional(),
    id_token_signing_alg_values_supported: z.array(z.string()).optional(),
    userinfo_signing_alg_values_supported: z.array(z.string()).optional(),
    token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
    token_endpoint_auth_signing_alg_values_supported: z.array(z.string()).optional(),
    code_challenge_methods_supported: z.array(z.string()).optional(),
    dpop_signing_alg_values_supported: z.array(z.string()).optional(),
    grant_types_supported: z.array(z.string()).optional(),
    scopes_supported: z.array(z.string()).optional(),
  }),
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
  z.looseObject({
    active: z.boolean(),
    scope: z.string().optional(),
    client_id: z.string().optional(),
    username: z.string().optional(),
    token_type: z.string().optional(),
    exp: z.number().optional(),
    iat: z.number().optional(),
    nbf: z.number().optional(),
    sub: z.string().optional(),
    aud: z.union([z.string(), z.array(z.string())]).optional(),
    iss: z.string().optional(),
    jti: z.string().optional(),
  }),
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
  z
    .looseObject({
      device_code: z.string().min(1),
      user_code: z.string().min(1),
      verification_uri: z.string().min(1).optional(),
      verification_url: z.string().min(1).optional(),
      verification_uri_complete: z.string().optional(),
      expires_in: seconds(),
      interval: seconds().optional(),
    })
    .refine((d) => d.verification_uri ?? d.verification_url, {
      message: 'verification_uri is required',
      path: ['verification_uri'],
    })
    .transform((d) => ({ ...d, verification_uri: (d.verification_uri ?? d.verification_url) as string })),
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
  z.object({
    keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional() })),
  }),
)

/** UserInfo response, OpenID Connect Core §5.3.2. */
export const userinfoSchema = /* @__PURE__ */ lazySchema(() => z.looseObject({ sub: z.string().min(1) }))
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
  z.looseObject({
    request_uri: z.string().min(1),
    expires_in: seconds(),
  }),
)
