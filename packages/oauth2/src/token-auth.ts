import { AuthBase, type HookContext, type PreparedRequest, type Response } from '@x/requests'
import type { DPoPSigner } from './dpop.js'
import type { OAuth2Token } from './token.js'

/** Where a request carries the access token (RFC 6750 §2.1-2.3). */
export type TokenPlacement = 'header' | 'body' | 'uri'

/** What the token auth needs from its session. */
export interface TokenSource {
  readonly placement: TokenPlacement
  readonly dpop: DPoPSigner | undefined
  /** The current token, or undefined. */
  current(): OAuth2Token | undefined
  /** `Bearer <token>` for the current token, computed once per token (the hot path only reads it). */
  header(): string | undefined
  /** After a 401 `invalid_token`: renew unless someone already did; true when a retry may succeed. */
  renewAfterRejection(rejected: string | undefined): Promise<boolean>
}

const FORM = 'application/x-www-form-urlencoded'
const isDPoP = (token: OAuth2Token) => token.token_type.toLowerCase() === 'dpop'

function setQuery(request: PreparedRequest, token: string): void {
  const url = new URL(request.url)
  url.searchParams.set('access_token', token)
  request.url = url.toString()
}

function setBody(request: PreparedRequest, token: string): void {
  const body = request.body
  if (body !== null && body !== undefined && typeof body !== 'string') {
    throw new TypeError('tokenPlacement "body" needs a form-encoded string body (or none)')
  }
  const form = new URLSearchParams(body ?? '')
  form.set('access_token', token)
  const next = form.toString()
  request.body = next
  if (!request.headers.has('content-type')) request.headers.set('Content-Type', FORM)
  request.headers.set('Content-Length', String(Buffer.byteLength(next)))
}

function tokenUsedBy(request: PreparedRequest, placement: TokenPlacement): string | undefined {
  if (placement === 'header') return request.headers.get('authorization')?.replace(/^\S+\s+/, '')
  if (placement === 'uri') return new URL(request.url).searchParams.get('access_token') ?? undefined
  return typeof request.body === 'string'
    ? (new URLSearchParams(request.body).get('access_token') ?? undefined)
    : undefined
}

/**
 * The auth object an `OAuth2Session` sends its requests with: it puts the current token where the session
 * says (header, body or query; DPoP proofs for DPoP-bound tokens) and, after a 401 `invalid_token`,
 * renews the token once and retries the request once. `OAuth2Session` creates and uses one; it is exported
 * for sending a session's token through another `@x/requests` call.
 *
 * @example
 * ```ts
 * const auth = new OAuth2TokenAuth({ placement: 'header', dpop: undefined, current: () => token,
 *   header: () => `Bearer ${token.access_token}`, renewAfterRejection: async () => false })
 * await requests.get(apiUrl, { auth })
 * ```
 */
export class OAuth2TokenAuth extends AuthBase {
  readonly #source: TokenSource

  constructor(source: TokenSource) {
    super()
    this.#source = source
  }

  apply(request: PreparedRequest): PreparedRequest | Promise<PreparedRequest> {
    const source = this.#source
    const token = source.current()
    if (token === undefined) return request
    if (source.placement === 'header') {
      if (source.dpop !== undefined && isDPoP(token)) return this.#applyDPoP(request, token, source.dpop)
      request.headers.set('Authorization', source.header() as string)
    } else if (source.placement === 'uri') {
      setQuery(request, token.access_token)
    } else {
      setBody(request, token.access_token)
    }
    return request
  }

  async #applyDPoP(request: PreparedRequest, token: OAuth2Token, dpop: DPoPSigner): Promise<PreparedRequest> {
    request.headers.set('Authorization', `DPoP ${token.access_token}`)
    request.headers.set('DPoP', await dpop.proof(request.method, request.url, token.access_token))
    return request
  }

  override async handleResponse(response: Response, context: HookContext): Promise<Response | undefined> {
    if (response.statusCode !== 401) return undefined
    const source = this.#source
    const challenge = response.headers.get('www-authenticate') ?? ''
    const request = response.request
    let retry = false
    if (source.dpop && /use_dpop_nonce/.test(challenge)) {
      retry = source.dpop.observe(request.url, response.headers.get('dpop-nonce'))
    } else if (/invalid_token/.test(challenge)) {
      retry = await source.renewAfterRejection(tokenUsedBy(request, source.placement))
    }
    if (!retry) return undefined
    const next = request.copy()
    await this.apply(next)
    return context.send(next)
  }
}
