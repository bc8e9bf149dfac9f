import { setTimeout as sleep } from 'node:timers/promises'
import type { ConnectionPool } from './connection-pool.js'
import type { TlsOptions } from './dispatcher-factory.js'
import { publishError, publishRedirect, publishRetry, publishStart, publishEnd } from './events.js'
import { DecodeError } from './errors/decode-error.js'
import { EmptyPoolError } from './errors/empty-pool-error.js'
import { LocationParseError } from './errors/location-parse-error.js'
import { MaxRetryError } from './errors/max-retry-error.js'
import { PoolError } from './errors/pool-error.js'
import { ResponseTooLargeError } from './errors/response-too-large-error.js'
import { TimeoutError } from './errors/timeout-error.js'
import { type PreparedRequest, prepareRequest, withoutHeaders } from './request-body.js'
import type { RequestOptions } from './request-options.js'
import { type AttemptInfo, ResponseHandler } from './response-handler.js'
import { type HTTPResponse, setResponseMeta } from './response.js'
import { Retry } from './retry.js'
import { Timeout } from './timeout.js'
import { parseRequestUrl, redactUrl } from './url.js'
import { assertMethod } from './validate.js'

/** Manager-level defaults applied to each request. */
export interface RequestDefaults {
  headers: string[]
  retries: Retry
  timeout: Timeout
  maxResponseSize: number | undefined
}

/** Where requests get their pool from: a `PoolManager` (any origin) or a `ConnectionPool` (its own). */
export interface PoolSource {
  readonly defaults: RequestDefaults
  poolFor(target: URL, tls: TlsOptions | undefined, timeout: Timeout): ConnectionPool | undefined
}

const EMPTY: RequestOptions = {}
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'])
const RETRY_AFTER_STATUS = new Set([413, 429, 503])
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
/** Default limit for decoded bodies when `maxResponseSize` is not set: 1 GiB. */
export const DEFAULT_DECODED_LIMIT = 1024 ** 3

/** Aborts the current attempt when the signal fires or the total deadline passes. */
class Guard {
  current: ResponseHandler | undefined
  reason: Error | undefined
  #timer: NodeJS.Timeout | undefined
  #signal: AbortSignal | undefined
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
    this.#abortController?.abort(reason)
  }

  #abortController: AbortController | undefined
  /** An AbortSignal for backoff sleeps. */
  get sleepSignal(): AbortSignal {
    this.#abortController ??= new AbortController()
    return this.#abortController.signal
  }

  /** The request is done (preloaded) or handed to the caller (streaming: keep guarding the body). */
  settle(streaming: boolean): void {
    if (!streaming) {
      clearTimeout(this.#timer)
      this.#signal?.removeEventListener('abort', this.#onAbort)
    } else this.#timer?.unref()
  }

  fail(): void {
    clearTimeout(this.#timer)
    this.#signal?.removeEventListener('abort', this.#onAbort)
  }
}

/**
 * Sends a request with retries and (when enabled) redirects, like urllib3's `PoolManager.urlopen`.
 */
export async function urlopen(
  source: PoolSource,
  method: string,
  url: string,
  options: RequestOptions = EMPTY,
): Promise<HTTPResponse> {
  assertMethod(method)
  let target = parseRequestUrl(url)
  const defaults = source.defaults
  let request = prepareRequest(method, target, options, defaults.headers)
  let retries = Retry.from(options.retries, defaults.retries)
  const timeout = options.timeout === undefined ? defaults.timeout : Timeout.from(options.timeout)
  const limit = options.maxResponseSize ?? defaults.maxResponseSize
  let info: AttemptInfo = {
    url: redactUrl(target),
    method,
    preload: options.preloadContent ?? true,
    decode: options.decodeContent ?? true,
    maxSize: limit ?? Number.POSITIVE_INFINITY,
    decodedLimit: limit ?? DEFAULT_DECODED_LIMIT,
    start: performance.now(),
  }
  const guard =
    options.signal !== undefined || timeout.total !== undefined
      ? new Guard(options.signal, timeout.total, info.url)
      : undefined
  if (guard?.reason !== undefined) throw guard.reason
  const start = publishStart(info.url, method, info.start)
  let staleRetried = false
  let pool = source.poolFor(target, options.tls, timeout)
  if (pool === undefined) throw new PoolError(`${info.url} is not on this pool's origin`)
  try {
    for (;;) {
      const handler = new ResponseHandler(info, pool)
      if (guard !== undefined) guard.current = handler
      pool.dispatch(request, handler, timeout, options.poolTimeout)
      let response: HTTPResponse
      try {
        response = await handler.promise
      } catch (error) {
        if (guard?.reason !== undefined) throw guard.reason
        if (
          handler.staleSocket &&
          !staleRetried &&
          request.replayable &&
          IDEMPOTENT.has(request.method.toUpperCase())
        ) {
          staleRetried = true // a kept-alive socket the server had closed: once, on a fresh connection
          continue
        }
        if (!request.replayable && handler.bodyTouched) throw error
        // Like urllib3, body-processing errors are not connection problems: raised as they are.
        if (
          error instanceof DecodeError ||
          error instanceof ResponseTooLargeError ||
          error instanceof EmptyPoolError
        ) {
          throw error
        }
        retries = retries.increment(request.method, info.url, { error: error as Error })
        publishRetry(info.url, request.method, error as Error, undefined, retries)
        await backoff(retries.delayFor(), guard)
        continue
      }
      const location = options.redirect === false ? false : response.getRedirectLocation()
      if (location) {
        const next = await followRedirect(response, location, target, request, retries, info)
        const nextPool = next && source.poolFor(next.target, options.tls, timeout)
        if (next === undefined || nextPool === undefined) return done(response, info, retries, guard, start)
        await response.drainConn()
        ;({ target, request, retries, info } = next)
        pool = nextPool
        continue
      }
      if (shouldRetryStatus(retries, request.method, response)) {
        try {
          retries = retries.increment(request.method, info.url, { response })
        } catch (error) {
          if (error instanceof MaxRetryError && !retries.raiseOnStatus)
            return done(response, info, retries, guard, start)
          await response.drainConn()
          throw error
        }
        publishRetry(info.url, request.method, undefined, response.status, retries)
        await response.drainConn()
        await backoff(retries.delayFor(response), guard)
        continue
      }
      return done(response, info, retries, guard, start)
    }
  } catch (error) {
    guard?.fail()
    publishError(info.url, method, error as Error, start)
    throw error
  }
}

function done(
  response: HTTPResponse,
  info: AttemptInfo,
  retries: Retry,
  guard: Guard | undefined,
  start: number,
): HTTPResponse {
  setResponseMeta(response, info.url, retries)
  guard?.settle(!info.preload)
  publishEnd(info.url, info.method, response, start)
  return response
}

function shouldRetryStatus(retries: Retry, method: string, response: HTTPResponse): boolean {
  if (retries.statusForcelist.size === 0 && !RETRY_AFTER_STATUS.has(response.status)) return false
  const hasRetryAfter = RETRY_AFTER_STATUS.has(response.status) && response.headers.has('retry-after')
  return retries.isRetry(method, response.status, hasRetryAfter)
}

async function backoff(delay: number, guard: Guard | undefined): Promise<void> {
  if (delay <= 0) return
  try {
    await sleep(delay, undefined, guard ? { signal: guard.sleepSignal } : undefined)
  } catch (error) {
    throw guard?.reason ?? error
  }
}

interface RedirectState {
  target: URL
  request: PreparedRequest
  retries: Retry
  info: AttemptInfo
}

/** urllib3's redirect step; `undefined` means "return this response as is". */
async function followRedirect(
  response: HTTPResponse,
  location: string,
  target: URL,
  request: PreparedRequest,
  retries: Retry,
  info: AttemptInfo,
): Promise<RedirectState | undefined> {
  let next: URL
  try {
    next = parseRequestUrl(new URL(location, target).href)
  } catch (cause) {
    await response.drainConn()
    throw cause instanceof LocationParseError
      ? cause
      : new LocationParseError('Invalid redirect location', { cause })
  }
  let method = request.method
  let headers = request.headers
  let body = request.body
  if (response.status === 303 && method.toUpperCase() !== 'HEAD') {
    method = 'GET'
    body = null
    headers = withoutHeaders(headers, BODY_HEADERS)
  } else if (!request.replayable && body !== null) {
    return undefined // a stream body cannot be sent twice: hand the redirect to the caller
  }
  if (retries.removeHeadersOnRedirect.size > 0 && next.origin !== target.origin) {
    headers = withoutHeaders(headers, retries.removeHeadersOnRedirect)
  }
  let nextRetries: Retry
  try {
    nextRetries = retries.increment(method, info.url, { response })
  } catch (error) {
    if (error instanceof MaxRetryError && !retries.raiseOnRedirect) return undefined
    await response.drainConn()
    throw error
  }
  publishRedirect(info.url, next, response.status)
  return {
    target: next,
    retries: nextRetries,
    request: {
      method,
      path: next.pathname + next.search,
      headers,
      body,
      replayable: request.replayable || body === null,
    },
    info: { ...info, url: redactUrl(next), method },
  }
}
