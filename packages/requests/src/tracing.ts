import diagnostics from 'node:diagnostics_channel'
import { debuglog } from 'node:util'
import type { PreparedRequest } from './models/prepared-request.js'
import type { Response } from './models/response.js'
import { redactUrl } from '@x/pool'

/**
 * Context of the `x:requests:request` tracing channel: one `Session.send()` (so one `session.get()`, ...),
 * redirects included. `url` is redacted (no credentials, query values `[REDACTED]`).
 *
 * @example
 * ```ts
 * tracingChannels.request.subscribe({ asyncEnd: (ctx) => console.log((ctx as SessionRequestContext).id) })
 * ```
 */
export interface SessionRequestContext {
  /** Unique in the process: two concurrent requests to one URL have different ids. */
  id: number
  /** The request method. */
  method: string
  /** The requested URL, redacted (no credentials, query values `[REDACTED]`). */
  url: string
  /** Set on `asyncEnd`: the final response. */
  result?: Response
  /** Set on `error`. */
  error?: unknown
}

/**
 * Context of the `x:requests:hop` tracing channel: one request on the way to the final response (the first,
 * then one per redirect followed), sent through the adapter and `@x/pool` inside it.
 *
 * @example
 * ```ts
 * tracingChannels.hop.subscribe({ start: (ctx) => console.log((ctx as SessionHopContext).hop) })
 * ```
 */
export interface SessionHopContext {
  /** The id of the request ({@link SessionRequestContext.id}). */
  id: number
  /** 0 for the request itself, then 1 per redirect followed. */
  hop: number
  /** Where this hop's response lands in the final response's `history` when a redirect follows it (= `hop`). */
  historyIndex: number
  /** The method of this hop (a redirect may change it, as requests' `rebuild_method`). */
  method: string
  /** The URL of this hop, redacted. */
  url: string
  /** Set on `asyncEnd`: this hop's response. */
  result?: Response
  /** Set on `error`: why this hop failed. */
  error?: unknown
}

/**
 * `node:diagnostics_channel` `TracingChannel`s of `@x/requests` (`start`, `end`, `asyncStart`, `asyncEnd`,
 * `error` under `tracing:x:requests:request:*` and `tracing:x:requests:hop:*`). Nothing is built or published
 * while nobody subscribes.
 *
 * @example
 * ```ts
 * import diagnostics from 'node:diagnostics_channel'
 * diagnostics.tracingChannel('x:requests:hop').subscribe({
 *   start() {}, end() {}, asyncStart() {}, error() {},
 *   asyncEnd(ctx) { console.log(ctx) },
 * })
 * ```
 */
export const tracingChannels = {
  /**
   * `x:requests:request`: one whole session call, redirects included.
   * @see https://nodejs.org/api/diagnostics_channel.html#class-tracingchannel
   */
  request: diagnostics.tracingChannel<object, SessionRequestContext>('x:requests:request'),
  /**
   * `x:requests:hop`: one request of the call on the wire (the first, then one per redirect).
   * @see https://nodejs.org/api/diagnostics_channel.html#class-tracingchannel
   */
  hop: diagnostics.tracingChannel<object, SessionHopContext>('x:requests:hop'),
} as const

/** `NODE_DEBUG=x-requests`: a line per request, redirect hop, end and failure. */
export const debug = debuglog('x-requests')

interface Call {
  id: number
  start: number
  /** Until the traced send settles: a prepared request sent again later is a new request. */
  active: boolean
}

interface Hop {
  call: Call
  hop: number
}

// The call a prepared request belongs to (its redirect hops are copies made by prepareRedirect).
const calls = new WeakMap<PreparedRequest, Hop>()
let lastId = 0

/** Whether anyone listens: nothing below runs otherwise. */
export function tracing(): boolean {
  return tracingChannels.request.hasSubscribers || tracingChannels.hop.hasSubscribers || debug.enabled
}

/** Runs `send` as a new traced request, unless `request` is a redirect hop of one (then it just runs). */
export function traceSend(request: PreparedRequest, send: () => Promise<Response>): Promise<Response> {
  if (calls.get(request)?.call.active) return send()
  const call: Call = { id: ++lastId, start: performance.now(), active: true }
  calls.set(request, { call, hop: 0 })
  const url = redactUrl(request.url)
  if (debug.enabled) debug('request %d %s %s', call.id, request.method, url)
  const promise = (
    tracingChannels.request.hasSubscribers
      ? tracingChannels.request.tracePromise(send, { id: call.id, method: request.method, url })
      : send()
  ).finally(() => {
    call.active = false
  })
  if (!debug.enabled) return promise
  return promise.then(
    (response) => {
      const redirects = response.history.length
      debug(
        'request %d %d in %s ms (%d redirect%s)',
        call.id,
        response.statusCode,
        (performance.now() - call.start).toFixed(1),
        redirects,
        redirects === 1 ? '' : 's',
      )
      return response
    },
    (error: unknown) => {
      const e = error as { name?: string; code?: unknown }
      debug('request %d failed: %s%s', call.id, e?.name, typeof e?.code === 'string' ? ` (${e.code})` : '')
      throw error
    },
  )
}

/** Sends one hop (`prepared` is `request` after the request hooks) inside `x:requests:hop`. */
export function traceHop(
  request: PreparedRequest,
  prepared: PreparedRequest,
  send: () => Promise<Response>,
): Promise<Response> {
  const entry = calls.get(request)
  if (entry === undefined || !entry.call.active) return send()
  if (prepared !== request) calls.set(prepared, entry)
  const { call, hop } = entry
  const url = redactUrl(prepared.url)
  if (hop > 0 && debug.enabled) debug('request %d hop %d %s %s', call.id, hop, prepared.method, url)
  if (!tracingChannels.hop.hasSubscribers) return send()
  const context = { id: call.id, hop, historyIndex: hop, method: prepared.method, url }
  return tracingChannels.hop.tracePromise(send, context)
}

/** `next` is the redirect hop that follows `request`. */
export function traceRedirect(request: PreparedRequest, next: PreparedRequest): void {
  const entry = calls.get(request)
  if (entry !== undefined) calls.set(next, { call: entry.call, hop: entry.hop + 1 })
}
