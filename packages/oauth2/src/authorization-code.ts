import {
  type AuthorizationRequest,
  type AuthorizationUrlParams,
  callbackParams,
  checkIssuerParameter,
  createAuthorizationUrl,
  parseAuthorizationResponse,
} from './authorization.js'
import type { ClientCore } from './client-core.js'
import { StateMismatchError } from './errors/state-mismatch-error.js'
import type { FetchTokenOptions } from './grant-params.js'
import { type PendingAuthorization, PendingAuthorizations } from './pending-authorizations.js'

/** What the authorization code grant needs from its session. */
export interface AuthorizationCodeDefaults {
  clientId: string
  scope: string | readonly string[] | undefined
  redirectUri: string | undefined
}

/**
 * The authorization code grant of a session (RFC 6749 §4.1): builds authorization URLs, remembers their
 * state, PKCE verifier and nonce, and turns a callback into token request parameters — refusing, before any
 * network call, a callback whose state this session did not send.
 */
export class AuthorizationCodeFlow {
  readonly #pending = new PendingAuthorizations()
  readonly #codeChallengeMethod: 'S256' | 'plain' | false

  constructor(codeChallengeMethod: 'S256' | 'plain' | false) {
    this.#codeChallengeMethod = codeChallengeMethod
  }

  /** Builds the authorization URL (state, PKCE, nonce) and remembers it until its callback arrives. */
  start(
    url: string,
    options: AuthorizationUrlParams,
    defaults: AuthorizationCodeDefaults,
  ): AuthorizationRequest {
    const redirectUri = options.redirectUri ?? defaults.redirectUri
    const request = createAuthorizationUrl(url, {
      scope: defaults.scope,
      codeVerifier: this.#codeChallengeMethod === false ? false : undefined,
      codeChallengeMethod: this.#codeChallengeMethod || undefined,
      ...options,
      clientId: defaults.clientId,
      redirectUri,
    })
    this.remember(request, redirectUri)
    return request
  }

  /** Remembers an authorization request (one built elsewhere, e.g. pushed with PAR). */
  remember(request: AuthorizationRequest, redirectUri: string | undefined): void {
    this.#pending.remember(request, redirectUri)
  }

  /**
   * The token request parameters for `fetchToken` options of the authorization code grant: the code from
   * `authorizationResponse` (state and RFC 9207 `iss` checked first), and the pending request's PKCE
   * verifier and redirect URI. Returns the pending request too (for its nonce).
   */
  async accept(
    options: FetchTokenOptions,
    core: ClientCore,
    redirectUri: string | undefined,
  ): Promise<{ request: FetchTokenOptions; pending: PendingAuthorization | undefined }> {
    let request = options
    let pending: PendingAuthorization | undefined
    if (options.authorizationResponse !== undefined) {
      const state = this.#expectedState(options.authorizationResponse, options.state)
      const response = parseAuthorizationResponse(options.authorizationResponse, { state })
      const metadata = response.iss !== undefined || core.issuer ? await core.metadata() : undefined
      if (metadata) checkIssuerParameter(response.iss, metadata)
      pending = this.#pending.take(response.state)
      request = { ...options, code: response.code }
    } else {
      pending = this.#pending.take(options.state)
    }
    return {
      request: {
        ...request,
        redirectUri: request.redirectUri ?? pending?.redirectUri ?? redirectUri,
        codeVerifier: request.codeVerifier ?? pending?.codeVerifier,
      },
      pending,
    }
  }

  /**
   * The state a callback must carry: the one the caller passes, else that of a pending request of this
   * session. A callback nobody is waiting for (forged, or replayed after its code was used) is refused, as
   * openid-client does: without an expected state there is no CSRF protection at all.
   */
  #expectedState(callback: string, given: string | undefined): string {
    if (given !== undefined) return given
    const state = callbackParams(callback).get('state') ?? undefined
    if (state !== undefined && this.#pending.has(state)) return state
    if (this.#pending.size === 0) {
      throw new StateMismatchError(
        'no authorization request is pending for this callback; pass the state you sent as options.state',
      )
    }
    throw new StateMismatchError('CSRF Warning! State not equal in request and response.')
  }
}
