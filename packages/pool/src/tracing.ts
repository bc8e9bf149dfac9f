import diagnostics from 'node:diagnostics_channel'
import type { HTTPResponse } from './response.js'

/**
 * Context of the `x:pool:request` tracing channel: one `PoolManager.request()` / `ConnectionPool.request()` call,
 * retries and redirects included. `url` is redacted (no credentials, query values `[REDACTED]`).
 *
 * @example
 * ```ts
 * tracingChannels.request.subscribe({ asyncEnd: (ctx) => console.log((ctx as PoolRequestContext).id) })
 * ```
 */
export interface PoolRequestContext {
  /** Unique in the process: two concurrent requests to one URL have different ids. */
  id: number
  /** The request method. */
  method: string
  /** The requested URL, redacted (no credentials, query values `[REDACTED]`). */
  url: string
  /** `scheme://host:port` of the first request. */
  origin: string
  /** Set on `asyncEnd`: the response. */
  result?: HTTPResponse
  /** Set on `error`. */
  error?: unknown
}

/**
 * Context of the `x:pool:attempt` tracing channel: one attempt of a request on the wire (the first, each retry,
 * each redirect the pool follows). The undici request it makes runs inside it, so a tracer's undici span nests
 * under the attempt.
 *
 * @example
 * ```ts
 * tracingChannels.attempt.subscribe({ start: (ctx) => console.log((ctx as PoolAttemptContext).retryReason) })
 * ```
 */
export interface PoolAttemptContext {
  /** The id of the request ({@link PoolRequestContext.id}). */
  id: number
  /** 0 for the first attempt, then 1, 2, ... */
  attempt: number
  /** The method of this attempt (a 303 redirect turns it into `GET`). */
  method: string
  /** The URL of this attempt (the redirect target for a redirect), redacted. */
  url: string
  /** `scheme://host:port` of this attempt. */
  origin: string
  /** Why this attempt is made: `undefined` for the first, `'redirect'`, `'status 503'`, or the failed attempt's error (`'ReadTimeoutError (ERR_POOL_READ_TIMEOUT)'`). */
  retryReason: string | undefined
  /** Set on `asyncEnd`: the response of this attempt. */
  result?: HTTPResponse
  /** Set on `error`: why this attempt failed. */
  error?: unknown
}

/**
 * `node:diagnostics_channel` `TracingChannel`s of `@x/pool` (`start`, `end`, `asyncStart`, `asyncEnd`, `error`
 * under `tracing:x:pool:request:*` and `tracing:x:pool:attempt:*`). Nothing is built or published while nobody
 * subscribes. Bind an `AsyncLocalStorage` to `start` (`channel.start.bindStore(als, ...)`) to make a span current
 * while the request runs.
 *
 * @example
 * ```ts
 * import diagnostics from 'node:diagnostics_channel'
 * diagnostics.tracingChannel('x:pool:request').subscribe({
 *   start() {}, end() {}, asyncStart() {}, error() {},
 *   asyncEnd(ctx) { console.log(ctx) },
 * })
 * ```
 */
export const tracingChannels = {
  /**
   * `x:pool:request`: one whole `request()` call, retries and redirects included.
   * @see https://nodejs.org/api/diagnostics_channel.html#class-tracingchannel
   */
  request: diagnostics.tracingChannel<object, PoolRequestContext>('x:pool:request'),
  /**
   * `x:pool:attempt`: one attempt on the wire (the first, each retry, each redirect).
   * @see https://nodejs.org/api/diagnostics_channel.html#class-tracingchannel
   */
  attempt: diagnostics.tracingChannel<object, PoolAttemptContext>('x:pool:attempt'),
} as const

let lastId = 0

/** A process-unique request id. */
export function nextRequestId(): number {
  return ++lastId
}
