import { setTimeout as sleep } from 'node:timers/promises'
import type { TlsOptions } from './dispatcher-factory.js'
import { ClosedPoolError } from './errors/closed-pool-error.js'
import { DecodeError } from './errors/decode-error.js'
import { EmptyPoolError } from './errors/empty-pool-error.js'
import { isProxyRefusal, isRefusedRequest } from './error-map.js'
import { MaxRetryError } from './errors/max-retry-error.js'
import { PoolError } from './errors/pool-error.js'
import { ResponseTooLargeError } from './errors/response-too-large-error.js'
import { debug, publishEnd, publishError, publishRetry, publishStart, retryReason } from './events.js'
import { followRedirect, type RedirectStep } from './redirect.js'
import { type PreparedRequest, prepareRequest } from './request-body.js'
import { RequestGuard } from './request-guard.js'
import { checkOptionKeys, invalidArg } from './invalid-arg.js'
import { REQUEST_OPTION_KEYS, type PoolRequestOptions, type ResendStale } from './request-options.js'
import type { AttemptInfo } from './attempt-info.js'
import { ResponseHandler, type SlotOwner } from './response-handler.js'
import { HTTPResponse, REDIRECT_STATUSES } from './response.js'
import { Retry } from './retry.js'
import { TimeoutConfig } from './timeout.js'
import {
  nextRequestId,
  type PoolAttemptContext,
  type PoolRequestContext,
  tracingChannels,
} from './tracing.js'
import { redactUrl } from './redact.js'
import { labelOf, originOf, parseRequestUrl, withoutCredentials } from './url.js'
import { assertMethod } from './validate.js'

/** Manager-level defaults applied to each request. */
export interface RequestDefaults {
  headers: string[]
  retries: Retry
  timeout: TimeoutConfig
  maxResponseSize: number | undefined
  resendStale: ResendStale
}

/** What an attempt needs of a pool (a `ConnectionPool`): named here so that urlopen does not import the pool. */
export interface AttemptPool extends SlotOwner {
  dispatch(
    request: PreparedRequest,
    handler: ResponseHandler,
    timeout: TimeoutConfig,
    poolTimeout?: number,
  ): void
}

/** Where requests get their pool from: a `PoolManager` (any origin) or a `ConnectionPool` (its own). */
export interface PoolSource {
  readonly defaults: RequestDefaults
  poolFor(target: URL, tls: TlsOptions | undefined, timeout: TimeoutConfig): AttemptPool | undefined
}

/** Default limit for decoded bodies when `maxResponseSize` is not set: 1 GiB. */
export const DEFAULT_DECODED_LIMIT = 1024 ** 3
const EMPTY: PoolRequestOptions = {}
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'])
const RETRY_AFTER_STATUS = new Set([413, 429, 503])

/** Everything one call carries from attempt to attempt. */
interface Call extends RedirectStep {
  source: PoolSource
  options: PoolRequestOptions
  timeout: TimeoutConfig
  pool: AttemptPool
  guard: RequestGuard | undefined
  /** Whether a request written on a connection the server closed before answering may go again uncounted. */
  staleResend: boolean
  /** Why the next attempt is made (tracing): 'redirect', 'status 503', an error label. */
  nextReason: string | undefined
}

function begin(source: PoolSource, method: string, url: string, options: PoolRequestOptions): Call {
  assertMethod(method)
  const target = parseRequestUrl(url)
  const defaults = source.defaults
  const timeout = options.timeout === undefined ? defaults.timeout : TimeoutConfig.from(options.timeout)
  const limit = options.maxResponseSize ?? defaults.maxResponseSize
  const info: AttemptInfo = {
    id: nextRequestId(),
    url: withoutCredentials(target),
    label: labelOf(target),
    method,
    preload: options.preloadContent ?? true,
    decode: options.decodeContent ?? true,
    maxSize: limit ?? Number.POSITIVE_INFINITY,
    decodedLimit: limit ?? DEFAULT_DECODED_LIMIT,
    start: performance.now(),
    readTimeout: timeout.read,
  }
  const request = prepareRequest(method, target, options, defaults.headers)
  const pool = source.poolFor(target, options.tls, timeout)
  if (pool === undefined) throw new PoolError(`${info.label} is not on this pool's origin`)
  const guard =
    options.signal !== undefined || timeout.total !== undefined
      ? new RequestGuard(options.signal, timeout.total, info.label)
      : undefined
  if (guard?.reason !== undefined) throw guard.reason
  const retries = Retry.from(options.retries, defaults.retries)
  const staleResend =
    resendStaleOf(options.resendStale, defaults.resendStale) === 'idempotent' &&
    request.replayable &&
    IDEMPOTENT.has(method.toUpperCase())
  return {
    source,
    options,
    timeout,
    pool,
    guard,
    target,
    request,
    retries,
    info,
    staleResend,
    nextReason: undefined,
  }
}

/**
 * Sends a request with retries and (when enabled) redirects, like urllib3's `PoolManager.urlopen`.
 */
export function urlopen(
  source: PoolSource,
  method: string,
  url: string,
  options: PoolRequestOptions = EMPTY,
): Promise<HTTPResponse> {
  // Not an async function: it hands back run()'s promise itself (an async function resolving with a promise costs
  // two more microtask turns per request). Bad input still rejects rather than throws.
  let call: Call
  try {
    checkOptionKeys(options, REQUEST_OPTION_KEYS, 'options')
    call = begin(source, method, url, options)
    publishStart(call.info)
  } catch (error) {
    return Promise.reject(error)
  }
  // Tracing costs nothing while nobody subscribes (issue 16).
  if (!tracingChannels.request.hasSubscribers) return run(call)
  const context: PoolRequestContext = {
    id: call.info.id,
    method,
    url: redactUrl(call.info.url),
    origin: originOf(call.target),
  }
  try {
    return tracingChannels.request.tracePromise(run, context, undefined, call)
  } catch (error) {
    return Promise.reject(error)
  }
}

async function run(call: Call): Promise<HTTPResponse> {
  const options = call.options
  try {
    for (let attempt = 0; ; attempt++) {
      // Resolve the pool again on a retry: the LRU may have closed the one used before.
      if (attempt > 0) call.pool = call.source.poolFor(call.target, options.tls, call.timeout) ?? call.pool
      const handler = new ResponseHandler(call.info, call.pool)
      if (call.guard !== undefined) {
        call.guard.current = handler
        handler.abortable()
      }
      let response: HTTPResponse
      try {
        response = await (tracingChannels.attempt.hasSubscribers
          ? traceAttempt(call, handler, attempt)
          : sendAttempt(call, handler))
      } catch (error) {
        await onAttemptError(call, handler, error as Error)
        continue
      }
      if (!needsFollowUp(call, response)) return done(call, response)
      // A redirect whose body was preloaded is followed without awaiting anything.
      const accept = onResponse(call, response)
      if (accept === true || (accept !== false && (await accept))) return done(call, response)
    }
  } catch (error) {
    call.guard?.dispose()
    publishError(call.info, error as Error)
    throw error
  }
}

function sendAttempt(call: Call, handler: ResponseHandler): Promise<HTTPResponse> {
  call.pool.dispatch(call.request, handler, call.timeout, call.options.poolTimeout)
  return handler.take()
}

/** One attempt inside the `x:pool:attempt` tracing channel: undici's own request (and its spans) nest in it. */
function traceAttempt(call: Call, handler: ResponseHandler, attempt: number): Promise<HTTPResponse> {
  const context: PoolAttemptContext = {
    id: call.info.id,
    attempt,
    method: call.request.method,
    url: redactUrl(call.info.url),
    origin: originOf(call.target),
    retryReason: attempt === 0 ? undefined : call.nextReason,
  }
  return tracingChannels.attempt.tracePromise(sendAttempt, context, undefined, call, handler)
}

/** Decides whether a failed attempt is retried (returns) or the call fails (throws). */
async function onAttemptError(call: Call, handler: ResponseHandler, error: Error): Promise<void> {
  if (call.guard?.reason !== undefined) throw call.guard.reason
  const { request } = call
  // Issue 12: the origin may have received a request written on a kept-alive socket that then dropped, so it is
  // resent uncounted only when asked (resendStale: 'idempotent'), once; otherwise the retry budget decides.
  if (handler.staleSocket && call.staleResend) {
    call.staleResend = false
    call.nextReason = 'stale connection'
    if (debug.enabled)
      debug('request %d resent on a fresh connection (stale keep-alive socket)', call.info.id)
    return
  }
  if (!request.replayable && handler.bodyTouched) throw error
  // Like urllib3, body-processing and pool errors are not connection problems: raised as they are.
  if (
    error instanceof DecodeError ||
    error instanceof ResponseTooLargeError ||
    error instanceof EmptyPoolError ||
    error instanceof ClosedPoolError ||
    isRefusedRequest(error) ||
    isProxyRefusal(error)
  ) {
    throw error
  }
  call.retries = call.retries.increment(request.method, call.info.url, { error })
  call.nextReason = retryReason(error, undefined)
  const delay = call.retries.delayFor()
  publishRetry(call.info, request.method, error, undefined, call.retries, delay)
  await backoff(delay, call.guard)
}

/**
 * Follows a redirect or retries a status (false), or accepts the response (true). Synchronous when a redirect's
 * body is already read (no connection to drain).
 */
function onResponse(call: Call, response: HTTPResponse): boolean | Promise<boolean> {
  const location = call.options.redirect === false ? false : response.getRedirectLocation()
  if (!location) return onStatus(call, response)
  let next: RedirectStep | undefined
  try {
    next = followRedirect(response, location, call)
  } catch (error) {
    return response.drainConn().then(() => Promise.reject(error))
  }
  const pool = next && call.source.poolFor(next.target, call.options.tls, call.timeout)
  if (next === undefined || pool === undefined) return true
  call.target = next.target
  call.request = next.request
  call.retries = next.retries
  call.info = next.info
  call.pool = pool
  call.nextReason = 'redirect'
  return HTTPResponse.holdsConnection(response) ? response.drainConn().then(() => false) : false
}

/** Retries a status (false) or accepts the response (true). */
async function onStatus(call: Call, response: HTTPResponse): Promise<boolean> {
  const { retries, request } = call
  if (!shouldRetryStatus(retries, request.method, response)) return true
  try {
    call.retries = retries.increment(request.method, call.info.url, { response })
  } catch (error) {
    if (error instanceof MaxRetryError && !retries.raiseOnStatus) return true
    await response.drainConn()
    throw error
  }
  call.nextReason = retryReason(undefined, response.status)
  // the delay the event reports is the one slept: Retry-After (capped by retryAfterMax) or the backoff
  const delay = call.retries.delayFor(response)
  publishRetry(call.info, request.method, undefined, response.status, call.retries, delay)
  await response.drainConn()
  await backoff(delay, call.guard)
  return false
}

function done(call: Call, response: HTTPResponse): HTTPResponse {
  HTTPResponse.setMeta(response, call.info.url, call.retries)
  if (!call.info.preload) HTTPResponse.watchUnread(response)
  if (call.guard !== undefined) release(call.guard, response, call.info.preload)
  publishEnd(call.info, response)
  return response
}

/**
 * A streamed body stays guarded (signal, total deadline) until its transfer is over, then the guard lets go of the
 * signal: a long-lived AbortSignal shared by many requests must not collect listeners. (Its own function: the
 * closure would cost every `done()` a context.)
 */
function release(guard: RequestGuard, response: HTTPResponse, preloaded: boolean): void {
  if (preloaded) guard.dispose()
  else {
    guard.settle(true)
    HTTPResponse.whenBodyDone(response, () => guard.dispose())
  }
}

/** Cheap check first, so a plain 200 never pays for an extra await. */
function needsFollowUp(call: Call, response: HTTPResponse): boolean {
  if (REDIRECT_STATUSES.has(response.status) && call.options.redirect !== false) return true
  return shouldRetryStatus(call.retries, call.request.method, response)
}

function shouldRetryStatus(retries: Retry, method: string, response: HTTPResponse): boolean {
  if (retries.statusForcelist.size === 0 && !RETRY_AFTER_STATUS.has(response.status)) return false
  const hasRetryAfter = RETRY_AFTER_STATUS.has(response.status) && response.headers.has('retry-after')
  return retries.isRetry(method, response.status, hasRetryAfter)
}

function resendStaleOf(value: ResendStale | undefined, fallback: ResendStale): ResendStale {
  if (value === undefined) return fallback
  if (value !== 'unsent' && value !== 'idempotent')
    throw invalidArg('options.resendStale', "must be 'unsent' or 'idempotent'")
  return value
}

async function backoff(delay: number, guard: RequestGuard | undefined): Promise<void> {
  if (delay <= 0) return
  try {
    await sleep(delay, undefined, guard ? { signal: guard.sleepSignal } : undefined)
  } catch (error) {
    throw guard?.reason ?? error
  }
}
