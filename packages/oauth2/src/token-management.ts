import type { CallOptions } from './call-options.js'
import type { ClientCore } from './client-core.js'
import { expectOk, readJson } from './http.js'
import { type IntrospectionResponse, introspectionSchema } from './schemas.js'
import type { OAuth2Token } from './token.js'

/**
 * `token_type_hint` values of RFC 7009 / RFC 7662.
 *
 * @example
 * ```ts
 * await client.revokeToken(undefined, token.refresh_token, 'refresh_token')
 * ```
 */
export type TokenTypeHint = 'access_token' | 'refresh_token' | (string & {})

/**
 * The token `revokeToken()` / `introspectToken()` send when none is given: the refresh token when there is one,
 * else the access token, with no `token_type_hint` (Authlib's `_handle_token_hint`). Revoking the refresh token
 * is what ends the server-side session (Keycloak: the next refresh fails with `invalid_grant`).
 */
export function defaultManagedToken(token: OAuth2Token | undefined): string | undefined {
  return token?.refresh_token || token?.access_token || undefined
}

/** Token revocation (RFC 7009 §2.1). A 200 is success, whatever the body; errors become OAuthErrors. */
export async function revokeToken(
  core: ClientCore,
  url: string,
  token: string,
  hint?: TokenTypeHint,
  call: CallOptions = {},
): Promise<void> {
  const response = await core.post(
    url,
    { token, token_type_hint: hint },
    { ...call, what: 'the revocation endpoint' },
  )
  await expectOk(response, 'the revocation endpoint')
}

/** Token introspection (RFC 7662 §2.1): the validated response (`active` is always there). */
export async function introspectToken(
  core: ClientCore,
  url: string,
  token: string,
  hint?: TokenTypeHint,
  call: CallOptions = {},
): Promise<IntrospectionResponse> {
  const response = await core.post(
    url,
    { token, token_type_hint: hint },
    { ...call, what: 'the introspection endpoint' },
  )
  return readJson(response, introspectionSchema, 'the introspection endpoint')
}
