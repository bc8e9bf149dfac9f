import { PoolError } from './errors/pool-error.js'
import { TimeoutError } from './errors/timeout-error.js'

/** What the guard can abort: the attempt in flight. */
export interface Abortable {
  abort(reason: Error): void
}

/**
 * Watches a request's `signal` and `timeout.total` across all its attempts, aborting the attempt in flight
 * (and any backoff sleep) when either fires. Only allocated when the request has one of them.
 */
export class RequestGuard {
  current: Abortable | undefined
  reason: Error | undefined
  #timer: NodeJS.Timeout | undefined
  #signal: AbortSignal | undefined
  #sleep: AbortController | undefined
  #onAbort = () => this.abort((this.#signal!.reason as Error) ?? new PoolError('Request aborted'))

  constructor(signal: AbortSignal | undefined, total: number | undefined, url: string) {
    if (total !== undefined) {
      this.#timer = setTimeout(
        () => this.abort(new TimeoutError(`Total timeout of ${total} ms exceeded (${url})`)),
        total,
      )
    }
    if (signal !== undefined) {
      this.#signal = signal
      if (signal.aborted) this.reason = signal.reason as Error
      else signal.addEventListener('abort', this.#onAbort, { once: true })
    }
  }

  abort(reason: Error): void {
    if (this.reason !== undefined) return
    this.reason = reason
    this.current?.abort(reason)
    this.#sleep?.abort(reason)
  }

  /** An AbortSignal for backoff sleeps. */
  get sleepSignal(): AbortSignal {
    this.#sleep ??= new AbortController()
    return this.#sleep.signal
  }

  /** The request is done (preloaded), or handed to the caller (streaming: keep guarding the body). */
  settle(streaming: boolean): void {
    if (streaming) this.#timer?.unref()
    else this.dispose()
  }

  /** Lets go of the signal and the deadline; idempotent. */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#signal?.removeEventListener('abort', this.#onAbort)
    this.#signal = undefined
    this.current = undefined
  }
}
