import type { AuthorizationRequest } from './authorization.js'

/** What a session keeps between an authorization request and its callback. */
export interface PendingAuthorization {
  codeVerifier: string | undefined
  nonce: string | undefined
  redirectUri: string | undefined
}

/**
 * The authorization requests a session started and has not seen come back, by state (bounded: the oldest
 * are forgotten first), plus the last state, which `fetchToken` expects by default as Authlib's `self.state`.
 */
export class PendingAuthorizations {
  readonly #byState = new Map<string, PendingAuthorization>()
  readonly #max: number
  /** The state of the last authorization request. */
  last: string | undefined

  constructor(max = 64) {
    this.#max = max
  }

  remember(request: AuthorizationRequest, redirectUri: string | undefined): void {
    if (this.#byState.size >= this.#max) this.#byState.delete(this.#byState.keys().next().value as string)
    this.#byState.set(request.state, {
      codeVerifier: request.codeVerifier,
      nonce: request.nonce,
      redirectUri,
    })
    this.last = request.state
  }

  /** The pending request for `state`, forgotten once taken (a code is used once). */
  take(state: string | undefined): PendingAuthorization | undefined {
    if (state === undefined) return undefined
    const pending = this.#byState.get(state)
    this.#byState.delete(state)
    return pending
  }
}
