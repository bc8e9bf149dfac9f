import {
  ERR_POOL_CONNECT_TIMEOUT,
  ERR_POOL_DECODE,
  ERR_POOL_INCOMPLETE_READ,
  ERR_POOL_LOCATION_PARSE,
  ERR_POOL_MAX_RETRY,
  ERR_POOL_PROTOCOL,
  ERR_POOL_PROXY,
  ERR_POOL_READ_TIMEOUT,
  ERR_POOL_RESPONSE,
  ERR_POOL_RESPONSE_TOO_LARGE,
  ERR_POOL_SSL,
  ERR_POOL_TIMEOUT,
  type PoolErrorCode,
  redactMessage,
} from '@x/pool'
import { ChunkedEncodingError } from './chunked-encoding-error.js'
import { ConnectTimeout } from './connect-timeout.js'
import { ConnectionError } from './connection-error.js'
import { ContentDecodingError } from './content-decoding-error.js'
import { InvalidURL } from './invalid-url.js'
import { ProxyError } from './proxy-error.js'
import { ReadTimeout } from './read-timeout.js'
import {
  RequestException,
  type RequestExceptionModels,
  type RequestExceptionOptions,
} from './request-exception.js'
import { RetryError } from './retry-error.js'
import { SSLError } from './ssl-error.js'
import { Timeout } from './timeout.js'

type ErrorClass = new (message: string, options?: RequestExceptionOptions) => RequestException

/** Where the error happened: before the response head (`send`) or while reading the body (`body`). */
export type Phase = 'send' | 'body'

// requests' HTTPAdapter.send except-clauses, keyed by the pool's exported codes (a renamed code does not compile).
const BY_CODE: Partial<Record<PoolErrorCode, ErrorClass>> = {
  [ERR_POOL_CONNECT_TIMEOUT]: ConnectTimeout,
  [ERR_POOL_READ_TIMEOUT]: ReadTimeout,
  [ERR_POOL_TIMEOUT]: Timeout,
  [ERR_POOL_PROXY]: ProxyError,
  [ERR_POOL_SSL]: SSLError,
  [ERR_POOL_DECODE]: ContentDecodingError,
  [ERR_POOL_LOCATION_PARSE]: InvalidURL,
  [ERR_POOL_RESPONSE]: RetryError,
}

const BODY_CODES: ReadonlySet<string> = new Set<PoolErrorCode>([ERR_POOL_PROTOCOL, ERR_POOL_INCOMPLETE_READ])

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Whether a body is content-encoded (decoded by the pool), from its response headers. */
export function isContentEncoded(headers: { get(name: string): string | undefined } | undefined): boolean {
  const coding = headers?.get('content-encoding')?.trim().toLowerCase()
  return coding !== undefined && coding !== '' && coding !== 'identity'
}

/** `AbortError`s (from the caller's `signal`) pass through untouched, as with fetch. */
export function isAbort(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'AbortError'
}

/**
 * Translate an `@x/pool` error (by its stable `code`) into the requests error, keeping it as `cause`
 * (requests' `HTTPAdapter.send` except-clauses). Errors that are not pool errors are returned unchanged.
 */
export function translatePoolError(
  error: unknown,
  phase: Phase,
  request?: RequestExceptionModels['request'],
  response?: RequestExceptionModels['response'],
  encoded: boolean = isContentEncoded(response?.headers),
): unknown {
  if (error instanceof RequestException || isAbort(error)) return error
  let code = codeOf(error)
  // AbortSignal.timeout() (the total deadline, or the caller's own) aborts with a DOMException 'TimeoutError'.
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError' && !code?.startsWith('ERR_POOL')) {
    return new Timeout('The request exceeded its deadline', { cause: error, request, response })
  }
  if (code === undefined || !code.startsWith('ERR_POOL')) return error
  let inner: unknown = error
  if (code === ERR_POOL_MAX_RETRY) {
    const reason = (error as { reason?: unknown }).reason
    const rc = codeOf(reason)
    if (rc) {
      code = rc
      inner = reason
    }
  }
  // A requests error raised below the pool (by a dispatcher from @x/requests/testing) is already translated.
  if (inner instanceof RequestException) return inner
  // A RetryError (statuses exhausted) says which URL, as requests does: the MaxRetryError message names it, redacted.
  const shown = code === ERR_POOL_RESPONSE ? (error as Error).message : (inner as Error).message
  const message = redactMessage(shown || (error as Error).message)
  const options: RequestExceptionOptions = { cause: error, request, response }
  if (BODY_CODES.has(code) && phase === 'body') return new ChunkedEncodingError(message, options)
  // maxResponseSize: past the limit while decoding (a compression bomb) is a decoding failure, as requests would
  // see it; a raw body (or declared Content-Length) over the limit ends the transfer: ConnectionError.
  if (code === ERR_POOL_RESPONSE_TOO_LARGE) {
    return phase === 'body' && encoded
      ? new ContentDecodingError(message, options)
      : new ConnectionError(message, options)
  }
  const Cls = BY_CODE[code as PoolErrorCode] ?? ConnectionError
  return new Cls(message, options)
}
