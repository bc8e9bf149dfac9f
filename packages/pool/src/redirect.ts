import { MaxRetryError } from './errors/max-retry-error.js'
import { publishRedirect } from './events.js'
import { type PreparedRequest, withoutHeaders } from './request-body.js'
import type { AttemptInfo } from './attempt-info.js'
import type { HTTPResponse } from './response.js'
import type { Retry } from './retry.js'
import { labelOf, originOf, pathOf, resolveRequestUrl, withoutCredentials } from './url.js'

// Headers dropped when a 303 turns the request into a GET (urllib3's _prepare_for_method_change).
const BODY_HEADERS: ReadonlySet<string> = new Set([
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
  'digest',
  'last-modified',
  'transfer-encoding',
])

/** The request to send after a redirect. */
export interface RedirectStep {
  target: URL
  request: PreparedRequest
  retries: Retry
  info: AttemptInfo
}

/**
 * urllib3's redirect step (PoolManager.urlopen): 303 becomes GET without body, credentials are dropped when the
 * origin changes, the redirect counts against `retries`. `undefined` means "return this response as is"
 * (redirects exhausted with `raiseOnRedirect: false`, or a one-shot stream body that cannot be resent).
 * Synchronous (no promise per hop): when it throws, the caller drains the response's connection.
 */
export function followRedirect(
  response: HTTPResponse,
  location: string,
  current: RedirectStep,
): RedirectStep | undefined {
  const { target, request, retries, info } = current
  const next = resolveRequestUrl(location, target)
  let { method, headers, body } = request
  // urllib3 2.x turns every method into GET on a 303, HEAD included (requests keeps HEAD: @x/requests does).
  if (response.status === 303) {
    method = 'GET'
    body = null
    headers = withoutHeaders(headers, BODY_HEADERS)
  } else if (!request.replayable && body !== null) {
    return undefined
  }
  if (retries.removeHeadersOnRedirect.size > 0 && originOf(next) !== originOf(target)) {
    headers = withoutHeaders(headers, retries.removeHeadersOnRedirect)
  }
  let nextRetries: Retry
  try {
    nextRetries = retries.increment(method, info.url, { response })
  } catch (error) {
    if (error instanceof MaxRetryError && !retries.raiseOnRedirect) return undefined
    throw error
  }
  publishRedirect(info, next, response.status)
  return {
    target: next,
    retries: nextRetries,
    request: {
      method,
      path: pathOf(next),
      headers,
      body,
      replayable: request.replayable || body === null,
    },
    info: { ...info, url: withoutCredentials(next), label: labelOf(next), method },
  }
}
