import type { AuthorizationRequest } from './authorization.js'

/** What a session keeps between an authorization request and its callback. */
export interface PendingAuthorization {
  codeVerifier: string | undefined
  nonce: string | undefined
  redirectUri: string | undefined
}

/**
 * The authorization requests a session started and has not seen come back, by state (bounded: the oldest
 * are forgotten first). A callback is accepted only for one of them (or for a state the caller passes).
 */
export class PendingAuthorizations {
  readonly #byState = new Map<string, PendingAuthorization>()
  readonly #max: number

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
  }

  /** Whether an authorization request with this `state` was started and has not come back yet. */
  has(state: string | undefined): boolean {
    return state !== undefined && this.#byState.has(state)
  }

  /** How many authorization requests are pending. */
  get size(): number {
    return this.#byState.size
  }

  /** The pending request for `state`, forgotten once taken (a code is used once). */
  take(state: string | undefined): PendingAuthorization | undefined {
    if (state === undefined) return undefined
    const pending = this.#byState.get(state)
    this.#byState.delete(state)
    return pending
  }
}
