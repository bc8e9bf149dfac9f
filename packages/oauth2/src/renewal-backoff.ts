/** First wait after a failed renewal, milliseconds; it doubles with each failure in a row. */
export const RENEWAL_BACKOFF_BASE = 1_000
/** Longest wait between two renewal attempts while the token is still valid, milliseconds. */
export const RENEWAL_BACKOFF_MAX = 30_000
/**
 * Longest wait once there is no valid token (every request fails until a renewal succeeds): recovery after the
 * identity provider comes back matters more than sparing it, and one attempt at a time per session still holds.
 */
export const RENEWAL_BACKOFF_MAX_EXPIRED = 5_000

/**
 * When the next renewal may be tried after failures (issue 12 item 3): exponential from
 * {@link RENEWAL_BACKOFF_BASE}, capped at {@link RENEWAL_BACKOFF_MAX}, with "equal jitter" (half the delay
 * fixed, half random, so processes that failed together spread out but never retry at once), and never later
 * than the token's expiry (an expired token deserves one attempt before requests fail); capped at
 * {@link RENEWAL_BACKOFF_MAX_EXPIRED} once the token has expired.
 */
export class RenewalBackoff {
  #failures = 0
  #notBefore = 0
  #lastError: unknown
  readonly #random: () => number

  constructor(random: () => number = Math.random) {
    this.#random = random
  }

  /** Failures in a row since the last success. */
  get failures(): number {
    return this.#failures
  }

  /** The error of the last failed attempt. */
  get lastError(): unknown {
    return this.#lastError
  }

  /** Whether an attempt now would come too soon after the last failure. */
  waiting(now: number): boolean {
    return now < this.#notBefore
  }

  failed(error: unknown, now: number, expiresAt: number): void {
    this.#failures++
    this.#lastError = error
    const max = now < expiresAt ? RENEWAL_BACKOFF_MAX : RENEWAL_BACKOFF_MAX_EXPIRED
    const delay = Math.min(max, RENEWAL_BACKOFF_BASE * 2 ** (this.#failures - 1))
    const next = now + delay / 2 + (this.#random() * delay) / 2
    this.#notBefore = now < expiresAt ? Math.min(next, expiresAt) : next
  }

  succeeded(): void {
    this.#failures = 0
    this.#notBefore = 0
    this.#lastError = undefined
  }
}
