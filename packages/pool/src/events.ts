import diagnostics from 'node:diagnostics_channel'
import type { HTTPResponse } from './response.js'
import type { Retry } from './retry.js'
import { redactQuery } from './url.js'

/**
 * `node:diagnostics_channel` channels published by `@x/pool`. Messages carry the URL without credentials and with
 * every query parameter value replaced by `[REDACTED]` (names kept), and, for `end`/`error`, `duration` in
 * milliseconds since `start`. Subscribers often log messages as they are: a token in a query string must not
 * end up in a log.
 *
 * @example
 * ```ts
 * import diagnostics from 'node:diagnostics_channel'
 * diagnostics.subscribe('x:pool:request:end', (message) => {
 *   const { url, status, duration } = message as { url: string; status: number; duration: number }
 *   console.log(url, status, `${duration.toFixed(1)} ms`)
 * })
 * ```
 */
export const channels = {
  start: diagnostics.channel('x:pool:request:start'),
  headers: diagnostics.channel('x:pool:request:headers'),
  end: diagnostics.channel('x:pool:request:end'),
  retry: diagnostics.channel('x:pool:request:retry'),
  redirect: diagnostics.channel('x:pool:request:redirect'),
  error: diagnostics.channel('x:pool:request:error'),
} as const

export function publishStart(url: string, method: string, start: number): void {
  if (channels.start.hasSubscribers) channels.start.publish({ url: redactQuery(url), method, start })
}

export function publishHeaders(url: string, method: string, status: number, start: number): void {
  if (channels.headers.hasSubscribers) {
    channels.headers.publish({ url: redactQuery(url), method, status, duration: performance.now() - start })
  }
}

export function publishEnd(url: string, method: string, response: HTTPResponse, start: number): void {
  if (channels.end.hasSubscribers) {
    channels.end.publish({
      url: redactQuery(url),
      method,
      status: response.status,
      duration: performance.now() - start,
      retries: redactHistory(response.retries),
    })
  }
}

export function publishRetry(
  url: string,
  method: string,
  error: Error | undefined,
  status: number | undefined,
  retries: Retry,
): void {
  if (channels.retry.hasSubscribers) {
    channels.retry.publish({
      url: redactQuery(url),
      method,
      error,
      status,
      attempt: retries.history.length,
      delay: retries.delayFor(),
    })
  }
}

export function publishRedirect(url: string, location: URL, status: number): void {
  if (channels.redirect.hasSubscribers) {
    channels.redirect.publish({ url: redactQuery(url), location: redactQuery(location.href), status })
  }
}

export function publishError(url: string, method: string, error: Error, start: number): void {
  if (channels.error.hasSubscribers) {
    channels.error.publish({ url: redactQuery(url), method, error, duration: performance.now() - start })
  }
}

/** The `Retry` state as events show it: history URLs and redirect locations redacted like `url`. */
function redactHistory(retries: Retry | undefined): Retry | undefined {
  if (retries === undefined || retries.history.length === 0) return retries
  const history = retries.history.map((entry) => ({
    ...entry,
    url: redactQuery(entry.url),
    redirectLocation: entry.redirectLocation === undefined ? undefined : redactQuery(entry.redirectLocation),
  }))
  return retries.new({ history })
}
