// Every reliance of @x/pool on undici behaviour that undici does not document, in one module, each checked against
// the installed undici by test/undici-internals.test.ts (run on each undici version CI installs).

import { createRequire } from 'node:module'

/** What undici hands a request waiting for a connection: takes it out of the queue, failing it with `reason`. */
export type CancelQueued = (reason: Error) => void

/** What {@link kQueuedAbort} found; `null` until it looked. */
let queuedAbort: symbol | undefined | null = null

/**
 * undici's hook for taking a request that still waits for a connection out of its dispatcher's queue (undici's
 * own `request()` uses it for `signal`). Once no request waits for a connection attempt, undici destroys the
 * half-open socket instead of letting it live until the connect timeout. The symbol is internal to undici (the
 * catalog pins the version); without it, an aborted request is dropped when its connection is ready, as before.
 * Looked up on the first request, not at import (resolving undici's internal module costs about a millisecond).
 */
export function kQueuedAbort(): symbol | undefined {
  if (queuedAbort === null) {
    try {
      const symbols = createRequire(import.meta.url)('undici/lib/core/symbols.js') as Record<string, unknown>
      queuedAbort = typeof symbols.kQueuedAbort === 'symbol' ? symbols.kQueuedAbort : undefined
    } catch {
      queuedAbort = undefined
    }
  }
  return queuedAbort
}

/**
 * Runs `callback` once undici has handed the keep-alive socket of a just-completed response back to its pool.
 * undici does so one event-loop turn after the response completes (a `setImmediate`, so that a server closing the
 * socket anyway is noticed first); a microtask queues our `setImmediate` after undici's. Undocumented ordering.
 */
export function afterSocketReturn(callback: () => void): void {
  queueMicrotask(() => setImmediate(callback))
}
