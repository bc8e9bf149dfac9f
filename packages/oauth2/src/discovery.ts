import type { CallOptions } from './call-options.js'
import { IssuerMismatchError } from './errors/issuer-mismatch-error.js'
import { type HttpClient, readJson } from './http.js'
import { type AuthorizationServerMetadata, metadataSchema } from './schemas.js'

const stripSlash = (s: string) => (s.endsWith('/') ? s.slice(0, -1) : s)

/**
 * Fetches `{issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4) and checks that the
 * document names the issuer it was fetched for (§4.3). A trailing slash is the only difference tolerated.
 */
export async function discover(
  http: HttpClient,
  issuer: string,
  call: CallOptions = {},
): Promise<AuthorizationServerMetadata> {
  const url = `${stripSlash(issuer)}/.well-known/openid-configuration`
  const response = await http({ method: 'GET', url, headers: { accept: 'application/json' }, ...call })
  const metadata = await readJson(response, metadataSchema, 'the discovery endpoint')
  if (stripSlash(metadata.issuer) !== stripSlash(issuer)) {
    throw new IssuerMismatchError(
      `the discovery document names another issuer than the one it was fetched for`,
      {
        response: response.raw,
      },
    )
  }
  return metadata
}
