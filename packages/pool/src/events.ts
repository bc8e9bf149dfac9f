import diagnostics from 'node:diagnostics_channel'
import { debuglog } from 'node:util'
import type { HTTPResponse } from './response.js'
import type { AttemptInfo } from './attempt-info.js'
import type { Retry } from './retry.js'
import { redactUrl } from './redact.js'

/**
 * `node:diagnostics_channel` channels published by `@x/pool`. Messages carry `id` (one per `request()` call,
 * unique in the process, so concurrent requests to one URL can be told apart), the URL without credentials and
 * with every query parameter value replaced by `[REDACTED]` (names kept), and, for `end`/`error`, `duration` in
 * milliseconds since `start`. Subscribers often log messages as they are: a token in a query string must not
 * end up in a log.
 *
 * @example
 * ```ts
 * import diagnostics from 'node:diagnostics_channel'
 * diagnostics.subscribe('x:pool:request:end', (message) => {
 *   const { id, url, status, duration } = message as { id: number; url: string; status: number; duration: number }
 *   console.log(id, url, status, `${duration.toFixed(1)} ms`)
 * })
 * ```
 */
export const channels = {
  /**
   * `x:pool:request:start`: a request begins; `{ id, url, method, start }` (`start` from
   * `performance.now()`).
   * @see https://nodejs.org/api/diagnostics_channel.html
   */
  start: diagnostics.channel('x:pool:request:start'),
  /**
   * `x:pool:request:headers`: the response head of an attempt arrived; `{ id, url, method, status, duration
   * }`.
   */
  headers: diagnostics.channel('x:pool:request:headers'),
  /**
   * `x:pool:request:end`: the request returned a response; `{ id, url, method, status, duration, retries }`.
   */
  end: diagnostics.channel('x:pool:request:end'),
  /**
   * `x:pool:request:retry`: an attempt will be retried; `{ id, url, method, error, status, attempt, delay }`
   * (`delay`: the ms the request waits before the next attempt, `Retry-After` included).
   */
  retry: diagnostics.channel('x:pool:request:retry'),
  /** `x:pool:request:redirect`: a redirect is followed; `{ id, url, location, status }`. */
  redirect: diagnostics.channel('x:pool:request:redirect'),
  /** `x:pool:request:error`: the request failed; `{ id, url, method, error, duration }`. */
  error: diagnostics.channel('x:pool:request:error'),
} as const

/** `NODE_DEBUG=x-pool` output (node's `util.debuglog`): one line per request start, retry, redirect, end, error. */
export const debug = debuglog('x-pool')

export function publishStart(info: AttemptInfo): void {
  if (channels.start.hasSubscribers) {
    channels.start.publish({
      id: info.id,
      url: redactUrl(info.url),
      method: info.method,
      start: info.start,
    })
  }
  if (debug.enabled) debug('request %d %s %s', info.id, info.method, redactUrl(info.url))
}

export function publishHeaders(info: AttemptInfo, status: number): void {
  if (channels.headers.hasSubscribers) {
    channels.headers.publish({
      id: info.id,
      url: redactUrl(info.url),
      method: info.method,
      status,
      duration: performance.now() - info.start,
    })
  }
}

export function publishEnd(info: AttemptInfo, response: HTTPResponse): void {
  // Nobody listening (the usual case): no clock read.
  if (!channels.end.hasSubscribers && !debug.enabled) return
  const duration = performance.now() - info.start
  if (channels.end.hasSubscribers) {
    channels.end.publish({
      id: info.id,
      url: redactUrl(info.url),
      method: info.method,
      status: response.status,
      duration,
      retries: redactHistory(response.retries),
    })
  }
  if (debug.enabled) {
    const attempts = (response.retries?.history.length ?? 0) + 1
    debug(
      'request %d %d in %s ms (%d attempt%s)',
      info.id,
      response.status,
      duration.toFixed(1),
      attempts,
      attempts === 1 ? '' : 's',
    )
  }
}

export function publishRetry(
  info: AttemptInfo,
  method: string,
  error: Error | undefined,
  status: number | undefined,
  retries: Retry,
  delay: number,
): void {
  if (channels.retry.hasSubscribers) {
    channels.retry.publish({
      id: info.id,
      url: redactUrl(info.url),
      method,
      error,
      status,
      attempt: retries.history.length,
      delay,
    })
  }
  if (debug.enabled) {
    debug(
      'request %d retry %d after %s, in %d ms',
      info.id,
      retries.history.length,
      retryReason(error, status),
      delay,
    )
  }
}

export function publishRedirect(info: AttemptInfo, location: URL, status: number): void {
  if (channels.redirect.hasSubscribers) {
    channels.redirect.publish({
      id: info.id,
      url: redactUrl(info.url),
      location: redactUrl(location.href),
      status,
    })
  }
  if (debug.enabled) debug('request %d redirect %d to %s', info.id, status, redactUrl(location.href))
}

export function publishError(info: AttemptInfo, error: Error): void {
  const duration = performance.now() - info.start
  if (channels.error.hasSubscribers) {
    channels.error.publish({ id: info.id, url: redactUrl(info.url), method: info.method, error, duration })
  }
  if (debug.enabled)
    debug('request %d failed after %s ms: %s', info.id, duration.toFixed(1), errorLabel(error))
}

/** Why an attempt is retried, as tracing contexts and debug lines show it: `status 503` or the error's code. */
export function retryReason(error: Error | undefined, status: number | undefined): string {
  return error === undefined ? `status ${status}` : errorLabel(error)
}

function errorLabel(error: Error): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? `${error.name} (${code})` : error.name
}

/** The `Retry` state as events show it: history URLs and redirect locations redacted like `url`. */
function redactHistory(retries: Retry | undefined): Retry | undefined {
  if (retries === undefined || retries.history.length === 0) return retries
  const history = retries.history.map((entry) => ({
    ...entry,
    url: redactUrl(entry.url),
    redirectLocation: entry.redirectLocation === undefined ? undefined : redactUrl(entry.redirectLocation),
  }))
  return retries.new({ history })
}
