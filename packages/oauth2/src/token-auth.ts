import {
  AuthBase,
  type HookContext,
  type PreparedRequest,
  type RequestHook,
  type Response,
} from '@x/requests'
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
  /** Whether `accessToken` is the session's current token or the one it replaced. */
  owns(accessToken: string): boolean
  /** After a 401 `invalid_token` to a request that carried `rejected`: renew unless someone already did;
   * true when a retry may succeed. */
  renewAfterRejection(rejected: string): Promise<boolean>
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
  setForm(request, form)
  if (!request.headers.has('content-type')) request.headers.set('Content-Type', FORM)
}

function setForm(request: PreparedRequest, form: URLSearchParams): void {
  const next = form.toString()
  request.body = next
  request.headers.set('Content-Length', String(Buffer.byteLength(next)))
}

/** The access token a request carries where the session puts it, if any. */
function tokenUsedBy(request: PreparedRequest, placement: TokenPlacement): string | undefined {
  if (placement === 'header') return request.headers.get('authorization')?.replace(/^\S+\s+/, '')
  if (placement === 'uri') return new URL(request.url).searchParams.get('access_token') ?? undefined
  return typeof request.body === 'string'
    ? (new URLSearchParams(request.body).get('access_token') ?? undefined)
    : undefined
}

/** Takes the token out of a redirect hop to another origin (a 307/308 keeps the body; a Location may keep the query). */
function removeToken(request: PreparedRequest, placement: TokenPlacement): void {
  if (placement === 'uri') {
    const url = new URL(request.url)
    if (!url.searchParams.has('access_token')) return
    url.searchParams.delete('access_token')
    request.url = url.toString()
  } else if (placement === 'body' && typeof request.body === 'string') {
    const form = new URLSearchParams(request.body)
    if (!form.has('access_token')) return
    form.delete('access_token')
    setForm(request, form)
  }
}

const originOf = (url: string) => new URL(url).origin

// Request hooks this class registered (hooks are copied onto redirect hops and retries: register once).
const OWN_HOOKS = new WeakSet<RequestHook>()

/**
 * The auth object an `OAuth2Session` sends its requests with: it puts the current token where the session
 * says (header, body or query; DPoP proofs for DPoP-bound tokens) and, after a 401 `invalid_token`,
 * renews the token once and retries the request once. `OAuth2Session` creates and uses one; it is exported
 * for sending a session's token through another `@x/requests` call.
 *
 * @example
 * ```ts
 * const auth = new OAuth2TokenAuth({ placement: 'header', dpop: undefined, current: () => token,
 *   header: () => `Bearer ${token.access_token}`, owns: (t) => t === token.access_token,
 *   renewAfterRejection: async () => false })
 * await requests.get(apiUrl, { auth })
 * ```
 */
export class OAuth2TokenAuth extends AuthBase {
  readonly #source: TokenSource
  // Requests that carry the token to the origin it was attached for: only their rejection renews the token.
  readonly #carrying = new WeakSet<PreparedRequest>()

  constructor(source: TokenSource) {
    super()
    this.#source = source
  }

  apply(request: PreparedRequest): PreparedRequest | Promise<PreparedRequest> {
    const source = this.#source
    const token = source.current()
    if (token === undefined) return request
    if (source.placement === 'header') {
      // @x/requests drops the Authorization header on a redirect to another host (requests' rebuild_auth).
      if (source.dpop !== undefined && isDPoP(token)) return this.#applyDPoP(request, token, source.dpop)
      request.headers.set('Authorization', source.header() as string)
      return request
    }
    if (source.placement === 'uri') setQuery(request, token.access_token)
    else setBody(request, token.access_token)
    this.#carrying.add(request)
    if (!request.hooks.request.some((hook) => OWN_HOOKS.has(hook))) {
      const hook = this.#guardHops(request.url, source.placement)
      OWN_HOOKS.add(hook)
      request.registerHook('request', hook)
    }
    return request
  }

  /**
   * Runs before each redirect hop is sent: on another origin the token comes out of the query and the body
   * (@x/requests keeps both on a 307/308, as requests does, but only knows to strip the Authorization header).
   */
  #guardHops(attachedTo: string, placement: TokenPlacement): RequestHook {
    const origin = originOf(attachedTo)
    return (hop) => {
      if (this.#carrying.has(hop)) return undefined
      if (hop.url !== attachedTo && originOf(hop.url) !== origin) {
        removeToken(hop, placement)
      } else if (tokenUsedBy(hop, placement) !== undefined) {
        this.#carrying.add(hop)
      }
      return undefined
    }
  }

  async #applyDPoP(request: PreparedRequest, token: OAuth2Token, dpop: DPoPSigner): Promise<PreparedRequest> {
    request.headers.set('Authorization', `DPoP ${token.access_token}`)
    request.headers.set('DPoP', await dpop.proof(request.method, request.url, token.access_token))
    return request
  }

  /**
   * The token the rejected request carried, when it was ours and went where the session sent it; undefined
   * otherwise — a foreign redirect target answering `invalid_token` must not earn a renewed token.
   */
  #ourTokenIn(request: PreparedRequest): string | undefined {
    const source = this.#source
    const carried = tokenUsedBy(request, source.placement)
    if (carried === undefined || !source.owns(carried)) return undefined
    // A header that survived @x/requests' redirect handling is on the host it was attached for.
    return source.placement === 'header' || this.#carrying.has(request) ? carried : undefined
  }

  /** Only a 401 can ask for a renewed token or a DPoP nonce: other responses skip {@link handleResponse}. */
  override needsResponse(response: Response): boolean {
    return response.statusCode === 401
  }

  override async handleResponse(response: Response, context: HookContext): Promise<Response | undefined> {
    if (response.statusCode !== 401) return undefined
    const source = this.#source
    const request = response.request
    const carried = this.#ourTokenIn(request)
    if (carried === undefined) return undefined
    const challenge = response.headers.get('www-authenticate') ?? ''
    let retry = false
    if (source.dpop && /use_dpop_nonce/.test(challenge)) {
      retry = source.dpop.observe(request.url, response.headers.get('dpop-nonce'))
    } else if (/invalid_token/.test(challenge)) {
      retry = await source.renewAfterRejection(carried)
    }
    if (!retry) return undefined
    const next = request.copy()
    await this.apply(next)
    return context.send(next)
  }
}
