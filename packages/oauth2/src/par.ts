import type { CallOptions } from './call-options.js'
import type { ClientCore } from './client-core.js'
import { readJson } from './http.js'
import { parResponseSchema } from './schemas.js'

/**
 * A pushed authorization request's answer (RFC 9126 §2.2).
 *
 * @example
 * ```ts
 * const { request_uri, expires_in, url } = await client.pushAuthorizationRequest()
 * ```
 */
export interface PushedAuthorizationResponse {
  /**
   * The reference to send as `request_uri` in the authorization URL.
   * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
   */
  request_uri: string
  /**
   * Lifetime of `request_uri`, in seconds.
   * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
   */
  expires_in: number
}

/**
 * Pushes the authorization parameters to the PAR endpoint (RFC 9126 §2.1) with client authentication and
 * returns the `request_uri` to send the browser with.
 */
export async function pushAuthorizationRequest(
  core: ClientCore,
  url: string,
  params: Record<string, string | readonly string[] | undefined>,
  call: CallOptions = {},
): Promise<PushedAuthorizationResponse> {
  const response = await core.post(url, params, {
    ...call,
    what: 'the pushed authorization request endpoint',
  })
  const data = await readJson(response, parResponseSchema, 'the pushed authorization request endpoint')
  return { ...data, request_uri: data.request_uri, expires_in: data.expires_in }
}
