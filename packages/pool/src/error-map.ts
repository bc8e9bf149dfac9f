import { ClosedPoolError } from './errors/closed-pool-error.js'
import { ConnectTimeoutError } from './errors/connect-timeout-error.js'
import { ERR_POOL_INVALID_REQUEST } from './errors/codes.js'
import { HeaderParsingError } from './errors/header-parsing-error.js'
import { InvalidRequestError } from './errors/invalid-request-error.js'
import { IncompleteRead } from './errors/incomplete-read.js'
import { NameResolutionError } from './errors/name-resolution-error.js'
import { NewConnectionError } from './errors/new-connection-error.js'
import { PoolError } from './errors/pool-error.js'
import { ProtocolError } from './errors/protocol-error.js'
import { ProxyError } from './errors/proxy-error.js'
import { ReadTimeoutError } from './errors/read-timeout-error.js'
import { ResponseTooLargeError } from './errors/response-too-large-error.js'
import { SSLError } from './errors/ssl-error.js'

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'])
const CONNECT = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EADDRINUSE',
  'ENOENT',
  'EACCES',
  'ECONNABORTED',
  'EPERM',
])
const HEADER_PARSER = new Set([
  'HPE_HEADER_OVERFLOW',
  'HPE_INVALID_HEADER_TOKEN',
  'HPE_LF_EXPECTED',
  'HPE_CR_EXPECTED',
])

function isTlsError(error: NodeJS.ErrnoException & { library?: string }): boolean {
  const code = error.code ?? ''
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
    error.library === 'SSL routines'
  )
}

/** `code` of the {@link InvalidRequestError} for a request undici refused to put on the wire. */
export const INVALID_REQUEST = ERR_POOL_INVALID_REQUEST

const REFUSED = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
])

function refusedRequest(error: Error, url: string): InvalidRequestError {
  // undici's messages name the argument ('invalid upgrade header'), never its value.
  return new InvalidRequestError(`Request refused before sending: ${error.message} (${url})`, {
    cause: error,
  })
}

/** Whether `error` is a request undici refused to send ({@link INVALID_REQUEST}). */
export function isRefusedRequest(error: unknown): boolean {
  return error instanceof InvalidRequestError
}

/**
 * ProxyErrors for a proxy that answered with a 4xx status (407 Proxy Authentication Required, 403): the same
 * request with the same credentials gets the same answer, so they are raised at once, never retried as
 * connection errors (issue 12). A 5xx from the proxy (502, 503) may be transient and keeps being retried.
 */
const proxyRefusals = new WeakSet<Error>()

function proxyRefusal(error: ProxyError): ProxyError {
  const status = /\((\d{3})\)/.exec(String((error.cause as Error | undefined)?.message))?.[1]
  if (status?.startsWith('4')) proxyRefusals.add(error)
  return error
}

/** Whether `error` is a proxy's 4xx refusal (wrong or missing proxy credentials...), which is never retried. */
export function isProxyRefusal(error: unknown): boolean {
  return error instanceof Error && proxyRefusals.has(error)
}

/** Where the request was when it failed; decides between connect-, read- and body-level errors. */
export type Phase = 'connect' | 'headers' | 'body'

/**
 * Translates an undici / Node / zlib error into the matching `PoolError`, keeping it as `cause`. Messages are
 * built from codes and the (credential-free) URL, never from request data.
 */
export function mapError(error: unknown, url: string, phase: Phase): Error {
  if (error instanceof PoolError) return error
  if (!(error instanceof Error)) return new PoolError(`Request failed: ${String(error)}`, { cause: error })
  const e = error as NodeJS.ErrnoException & { library?: string }
  const code = e.code ?? ''
  const cause = { cause: error }
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ConnectTimeoutError(`Connection to ${url} timed out`, cause)
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new ReadTimeoutError(`Read timed out (${url})`, cause)
    case 'UND_ERR_HEADERS_OVERFLOW':
      return new HeaderParsingError(`Response headers too large (${url})`, cause)
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return new IncompleteRead(`Response body shorter than its Content-Length (${url})`, cause)
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return new ResponseTooLargeError(`Response body too large (${url})`, cause)
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return new ClosedPoolError('Pool is closed', cause)
    case 'UND_ERR_PRX_TLS':
    case 'UND_ERR_PRX_CONN':
      return new ProxyError(`Unable to connect to proxy: ${e.message}`, cause)
    case 'UND_ERR_ABORTED':
      // undici reports a refused CONNECT tunnel as an abort: 'Proxy response (407) !== 200 when HTTP Tunneling'
      if (/^Proxy response/.test(e.message))
        return proxyRefusal(new ProxyError(`Tunnel refused by the proxy: ${e.message}`, cause))
      return new PoolError(`Request aborted (${url})`, cause)
    case 'UND_ERR_INVALID_ARG':
      // ...and a refused forward as an argument error: 'Proxy Authentication Required (407)'
      if (/^Proxy /.test(e.message))
        return proxyRefusal(new ProxyError(`Refused by the proxy: ${e.message}`, cause))
      return refusedRequest(e, url)
    case 'UND_ERR_SOCKET':
      if (phase === 'body')
        return new IncompleteRead(`Connection broken before the body was complete (${url})`, cause)
      return new ProtocolError(`Connection aborted: ${e.message} (${url})`, cause)
  }
  if (REFUSED.has(code)) return refusedRequest(e, url)
  if (e.name === 'HTTPParserError' || code.startsWith('HPE_')) {
    if (HEADER_PARSER.has(code) && phase !== 'body') {
      return new HeaderParsingError(`Malformed response head: ${code} (${url})`, cause)
    }
    return new ProtocolError(`Invalid HTTP response: ${code || e.message} (${url})`, cause)
  }
  if (e.name === 'Socks5ProxyError' || code.startsWith('UND_ERR_SOCKS5')) {
    return new ProxyError(`SOCKS5 proxy error: ${e.message}`, cause)
  }
  if (DNS.has(code)) return new NameResolutionError(`Failed to resolve host (${code}) for ${url}`, cause)
  if (isTlsError(e)) return new SSLError(`TLS error (${code || e.message}) for ${url}`, cause)
  if (CONNECT.has(code))
    return new NewConnectionError(`Failed to establish a new connection (${code}) to ${url}`, cause)
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    if (phase === 'connect')
      return new NewConnectionError(`Connection reset while connecting (${code}) to ${url}`, cause)
    if (phase === 'body')
      return new IncompleteRead(`Connection reset before the body was complete (${url})`, cause)
    return new ProtocolError(`Connection aborted (${code}) (${url})`, cause)
  }
  // Nothing of undici's reaches the caller untranslated.
  if (code.startsWith('UND_ERR_')) return new PoolError(`Request failed (${code}) (${url})`, cause)
  return error
}
