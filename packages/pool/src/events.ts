import diagnostics from 'node:diagnostics_channel'
import type { HTTPResponse } from './response.js'
import type { Retry } from './retry.js'

/**
 * `node:diagnostics_channel` channels published by `@x/pool`. Messages carry the URL without credentials and,
 * for `end`/`error`, `duration` in milliseconds since `start`.
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
  if (channels.start.hasSubscribers) channels.start.publish({ url, method, start })
}

export function publishHeaders(url: string, method: string, status: number, start: number): void {
  if (channels.headers.hasSubscribers) {
    channels.headers.publish({ url, method, status, duration: performance.now() - start })
  }
}

export function publishEnd(url: string, method: string, response: HTTPResponse, start: number): void {
  if (channels.end.hasSubscribers) {
    channels.end.publish({
      url,
      method,
      status: response.status,
      duration: performance.now() - start,
      retries: response.retries,
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
      url,
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
    const to =
      location.username || location.password
        ? location.origin + location.pathname + location.search
        : location.href
    channels.redirect.publish({ url, location: to, status })
  }
}

export function publishError(url: string, method: string, error: Error, start: number): void {
  if (channels.error.hasSubscribers) {
    channels.error.publish({ url, method, error, duration: performance.now() - start })
  }
}
