// Must stay the first import: refuses an unsupported Node.js before undici loads.
import './node-version.js'

// The bounded process-wide memo of the stack's hot paths (@x/requests keeps its caches in it too).
export { BoundedCache } from './bounded-cache.js'
export { ConnectionPool } from './connection-pool.js'
export { MAX_CHAINED_ENCODINGS } from './content-decoder.js'
export type { PoolSettings, ProxySettings, TlsOptions } from './dispatcher-factory.js'
export { ClosedPoolError } from './errors/closed-pool-error.js'
export { ConnectTimeoutError } from './errors/connect-timeout-error.js'
export { DecodeError } from './errors/decode-error.js'
export { type BrandedErrorClass, brandError, hasErrorBrand } from './errors/brand.js'
export {
  ERR_POOL,
  ERR_POOL_MAX_RETRY,
  ERR_POOL_TIMEOUT,
  ERR_POOL_CONNECT_TIMEOUT,
  ERR_POOL_READ_TIMEOUT,
  ERR_POOL_NEW_CONNECTION,
  ERR_POOL_NAME_RESOLUTION,
  ERR_POOL_PROTOCOL,
  ERR_POOL_INCOMPLETE_READ,
  ERR_POOL_SSL,
  ERR_POOL_PROXY,
  ERR_POOL_LOCATION_PARSE,
  ERR_POOL_DECODE,
  ERR_POOL_RESPONSE,
  ERR_POOL_EMPTY,
  ERR_POOL_CLOSED,
  ERR_POOL_HEADER_PARSING,
  ERR_POOL_RESPONSE_TOO_LARGE,
  ERR_POOL_INVALID_REQUEST,
  type PoolErrorCode,
} from './errors/codes.js'
export { InvalidRequestError } from './errors/invalid-request-error.js'
export { EmptyPoolError } from './errors/empty-pool-error.js'
export { HeaderParsingError } from './errors/header-parsing-error.js'
export { IncompleteRead } from './errors/incomplete-read.js'
export { LocationParseError } from './errors/location-parse-error.js'
export { MaxRetryError } from './errors/max-retry-error.js'
export { NameResolutionError } from './errors/name-resolution-error.js'
export { NewConnectionError } from './errors/new-connection-error.js'
export { PoolError, type PoolErrorOptions } from './errors/pool-error.js'
export { ProtocolError } from './errors/protocol-error.js'
export { ProxyError } from './errors/proxy-error.js'
export { ReadTimeoutError } from './errors/read-timeout-error.js'
export { ResponseError } from './errors/response-error.js'
export { ResponseTooLargeError } from './errors/response-too-large-error.js'
export { SSLError } from './errors/ssl-error.js'
export { TimeoutError } from './errors/timeout-error.js'
export { channels } from './events.js'
// Option parsing shared with @x/requests and @x/oauth2 (one copy for the stack).
export {
  checkOptionKeys,
  ERR_INVALID_ARG_VALUE,
  invalidArg,
  type OptionIssue,
  type OptionRegistry,
  type OptionSchema,
  optionKeys,
  parseOptions,
  pickOptions,
} from './invalid-arg.js'
// The option validator (zod/mini's API for what the stack's option schemas use), so that no package loads zod to
// validate its constructor options (issue 11).
import * as optionSchema from './option-schema.js'
export { optionSchema }
export { type PoolAttemptContext, type PoolRequestContext, tracingChannels } from './tracing.js'
export { type HeadersInput, HTTPHeaderDict, type PoolHeadersInput } from './header-dict.js'
export { type MakeHeadersOptions, makeHeaders } from './make-headers.js'
export {
  encodeMultipartFormData,
  type FieldValue,
  type Fields,
  type FileTuple,
  type PoolFileTuple,
  guessContentType,
} from './multipart.js'
export { PoolManager, type PoolManagerOptions } from './pool-manager.js'
export { ProxyManager, type ProxyManagerOptions } from './proxy-manager.js'
export { closeDefaultManager, request } from './request.js'
export type { BodyInput } from './request-body.js'
export type { RequestHistory } from './request-history.js'
export type { PoolRequestOptions, PoolStats, RequestOptions, ResendStale } from './request-options.js'
export { HTTPResponse, type HTTPResponseInit } from './response.js'
export { Retry } from './retry.js'
export {
  DEFAULT_ALLOWED_METHODS,
  DEFAULT_REMOVE_HEADERS_ON_REDIRECT,
  type RetryOptions,
  type RetryResponse,
} from './retry-options.js'
export { Timeout, TimeoutConfig, type TimeoutOptions } from './timeout.js'
// The stack's one URL redaction policy (used by @x/requests and @x/oauth2 too).
export { REDACTED, redactMessage, redactUrl, redactUrlError } from './redact.js'
export { parseUrl, Url } from './url.js'
