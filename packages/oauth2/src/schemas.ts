import { optionSchema as s } from '@x/pool'
import { urlProblem } from './urls.js'
import type * as Wire from './wire-schemas.js'

// Wire data (token responses, introspection, device authorization, JWKS...) is validated with zod, whose schemas
// (./wire-schemas.js) load on first use: importing @x/oauth2 loads no zod (issue 11 item 3).
// The server metadata schema is the exception: an `OAuth2Session({ metadata })` option is checked at construction,
// synchronously, so it is written with @x/pool's option validator (zod/mini's API) and serves discovery too.

let loading: Promise<typeof Wire> | undefined
const wire = (): Promise<typeof Wire> => {
  loading ??= import('./wire-schemas.js')
  return loading
}

/** Successful token response, RFC 6749 §5.1. */
export const tokenResponseSchema = () => wire().then((m) => m.tokenResponseSchema())
/** Error response, RFC 6749 §5.2. */
export const errorResponseSchema = () => wire().then((m) => m.errorResponseSchema())
/** Token introspection response, RFC 7662 §2.2. */
export const introspectionSchema = () => wire().then((m) => m.introspectionSchema())
/** Device authorization response, RFC 8628 §3.2. */
export const deviceAuthorizationSchema = () => wire().then((m) => m.deviceAuthorizationSchema())
/** JSON Web Key Set, RFC 7517 §5. */
export const jwksSchema = () => wire().then((m) => m.jwksSchema())
/** UserInfo response, OpenID Connect Core §5.3.2. */
export const userinfoSchema = () => wire().then((m) => m.userinfoSchema())
/** Pushed authorization response, RFC 9126 §2.2. */
export const parResponseSchema = () => wire().then((m) => m.parResponseSchema())

export type {
  DeviceAuthorizationResponse,
  IntrospectionResponse,
  TokenResponse,
  UserInfo,
} from './wire-schemas.js'

const OBJECT = { error: 'must be a JSON object' }
/** Built on first use, synchronously (the metadata schema needs no zod). */
function once<S>(build: () => S): () => S {
  let schema: S | undefined
  return () => {
    schema ??= build()
    return schema
  }
}
// http(s) and no control characters: URL parsing would drop CR/LF silently and send a different URL.
const metadataUrl = () =>
  s.string({ error: 'must be a URL string' }).check(
    s.superRefine((value: string, ctx) => {
      const message = urlProblem(value)
      if (message) ctx.addIssue({ code: 'custom', message, input: value })
    }),
  )
const metadataStrings = () =>
  s.array(s.string({ error: 'must be a string' }), { error: 'must be an array of strings' })

/** Authorization server metadata (RFC 8414) and OpenID Provider metadata (OpenID Connect Discovery 1.0). */
export const metadataSchema = /* @__PURE__ */ once(() =>
  s.looseObject(
    {
      /**
       * The issuer identifier URL, checked against the issuer the metadata was fetched for.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      issuer: metadataUrl(),
      /**
       * The authorization endpoint (RFC 6749 §3.1).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      authorization_endpoint: s.optional(metadataUrl()),
      /**
       * The token endpoint (RFC 6749 §3.2).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      token_endpoint: s.optional(metadataUrl()),
      /**
       * The URL of the server's JSON Web Key Set, for verifying ID tokens.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      jwks_uri: s.optional(metadataUrl()),
      /**
       * The OpenID Connect UserInfo endpoint.
       * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
       */
      userinfo_endpoint: s.optional(metadataUrl()),
      /**
       * The OpenID Connect RP-initiated logout endpoint.
       * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#OPMetadata
       */
      end_session_endpoint: s.optional(metadataUrl()),
      /**
       * The device authorization endpoint (RFC 8628).
       * @see https://www.rfc-editor.org/rfc/rfc8628#section-4
       */
      device_authorization_endpoint: s.optional(metadataUrl()),
      /**
       * The token revocation endpoint (RFC 7009).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      revocation_endpoint: s.optional(metadataUrl()),
      /**
       * The token introspection endpoint (RFC 7662).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      introspection_endpoint: s.optional(metadataUrl()),
      /**
       * The pushed authorization request endpoint (RFC 9126).
       * @see https://www.rfc-editor.org/rfc/rfc9126#section-5
       */
      pushed_authorization_request_endpoint: s.optional(metadataUrl()),
      /**
       * Whether the server accepts authorization requests only through PAR.
       * @see https://www.rfc-editor.org/rfc/rfc9126#section-5
       */
      require_pushed_authorization_requests: s.optional(s.boolean({ error: 'must be a boolean' })),
      /**
       * Whether authorization responses carry `iss` (RFC 9207).
       * @see https://www.rfc-editor.org/rfc/rfc9207#section-3
       */
      authorization_response_iss_parameter_supported: s.optional(s.boolean({ error: 'must be a boolean' })),
      /**
       * JWS algorithms the provider signs ID tokens with.
       * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
       */
      id_token_signing_alg_values_supported: s.optional(metadataStrings()),
      /**
       * JWS algorithms the provider can sign UserInfo responses with.
       * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
       */
      userinfo_signing_alg_values_supported: s.optional(metadataStrings()),
      /**
       * Client authentication methods the token endpoint accepts (`client_secret_basic`, `private_key_jwt`,
       * …).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      token_endpoint_auth_methods_supported: s.optional(metadataStrings()),
      /**
       * JWS algorithms accepted for `private_key_jwt` and `client_secret_jwt` assertions.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      token_endpoint_auth_signing_alg_values_supported: s.optional(metadataStrings()),
      /**
       * PKCE code challenge methods supported (`S256`, `plain`).
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      code_challenge_methods_supported: s.optional(metadataStrings()),
      /**
       * JWS algorithms accepted for DPoP proofs.
       * @see https://www.rfc-editor.org/rfc/rfc9449#section-5.1
       */
      dpop_signing_alg_values_supported: s.optional(metadataStrings()),
      /**
       * Grant types the server supports.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      grant_types_supported: s.optional(metadataStrings()),
      /**
       * Scopes the server supports.
       * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
       */
      scopes_supported: s.optional(metadataStrings()),
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
export type AuthorizationServerMetadata = s.output<ReturnType<typeof metadataSchema>>
