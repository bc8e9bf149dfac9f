interface Flight<T> {
  readonly promise: Promise<T>
  readonly controller: AbortController
  /** Waiters that may still abandon the call (those with a signal not yet aborted). */
  abandonable: number
  /** A waiter without a signal: the call is never aborted. */
  pinned: boolean
  /** Callers that joined, the first included (tracing). */
  joined: number
}

/** Settles like `promise`, or rejects with the signal's reason when it aborts first (`onAbort` runs then). */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) {
    onAbort?.()
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.()
      reject(signal.reason)
    }
    signal.addEventListener('abort', abort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(error)
      },
    )
  })
}

/**
 * Concurrent calls with the same key share one underlying call and its result or error. Each caller's
 * `signal` abandons only that caller's wait; the shared call is aborted (through the signal handed to
 * `start`) once every waiter has abandoned it.
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Flight<T>>()

  run(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    let flight = this.#flights.get(key)
    if (flight === undefined) {
      const controller = new AbortController()
      const promise = start(controller.signal).finally(() => {
        if (this.#flights.get(key) === flight) this.#flights.delete(key)
      })
      // Every waiter may have gone: the outcome must not become an unhandled rejection.
      promise.catch(() => undefined)
      flight = { promise, controller, abandonable: 0, pinned: false, joined: 0 }
      this.#flights.set(key, flight)
    }
    const joined = flight
    joined.joined++
    if (signal === undefined) {
      joined.pinned = true
      return joined.promise
    }
    joined.abandonable++
    return abortable(joined.promise, signal, () => {
      if (--joined.abandonable === 0 && !joined.pinned) {
        // Nobody waits any more: stop the call, and let the next caller start a new one.
        if (this.#flights.get(key) === joined) this.#flights.delete(key)
        joined.controller.abort(signal.reason)
      }
    }).finally(() => {
      if (!signal.aborted) joined.abandonable--
    })
  }

  /** Callers waiting on the calls in flight (each call's first caller included). */
  get waiting(): number {
    let n = 0
    for (const flight of this.#flights.values()) n += flight.joined
    return n
  }

  /** Whether a call with this key is in flight. */
  has(key: string): boolean {
    return this.#flights.has(key)
  }
}
