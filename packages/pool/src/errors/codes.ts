// The stable `code` of every @x/pool error. The layer above imports these constants (a renamed code is a compile
// error there, not a silent miss in a lookup table); `PoolError.code` is typed as their union.

/** {@link PoolError} (no more specific class). */
export const ERR_POOL = 'ERR_POOL'
/** {@link MaxRetryError}. */
export const ERR_POOL_MAX_RETRY = 'ERR_POOL_MAX_RETRY'
/** {@link TimeoutError}. */
export const ERR_POOL_TIMEOUT = 'ERR_POOL_TIMEOUT'
/** {@link ConnectTimeoutError}. */
export const ERR_POOL_CONNECT_TIMEOUT = 'ERR_POOL_CONNECT_TIMEOUT'
/** {@link ReadTimeoutError}. */
export const ERR_POOL_READ_TIMEOUT = 'ERR_POOL_READ_TIMEOUT'
/** {@link NewConnectionError}. */
export const ERR_POOL_NEW_CONNECTION = 'ERR_POOL_NEW_CONNECTION'
/** {@link NameResolutionError}. */
export const ERR_POOL_NAME_RESOLUTION = 'ERR_POOL_NAME_RESOLUTION'
/** {@link ProtocolError}. */
export const ERR_POOL_PROTOCOL = 'ERR_POOL_PROTOCOL'
/** {@link IncompleteRead}. */
export const ERR_POOL_INCOMPLETE_READ = 'ERR_POOL_INCOMPLETE_READ'
/** {@link SSLError}. */
export const ERR_POOL_SSL = 'ERR_POOL_SSL'
/** {@link ProxyError}. */
export const ERR_POOL_PROXY = 'ERR_POOL_PROXY'
/** {@link LocationParseError}. */
export const ERR_POOL_LOCATION_PARSE = 'ERR_POOL_LOCATION_PARSE'
/** {@link DecodeError}. */
export const ERR_POOL_DECODE = 'ERR_POOL_DECODE'
/** {@link ResponseError}. */
export const ERR_POOL_RESPONSE = 'ERR_POOL_RESPONSE'
/** {@link EmptyPoolError}. */
export const ERR_POOL_EMPTY = 'ERR_POOL_EMPTY'
/** {@link ClosedPoolError}. */
export const ERR_POOL_CLOSED = 'ERR_POOL_CLOSED'
/** {@link HeaderParsingError}. */
export const ERR_POOL_HEADER_PARSING = 'ERR_POOL_HEADER_PARSING'
/** {@link ResponseTooLargeError}. */
export const ERR_POOL_RESPONSE_TOO_LARGE = 'ERR_POOL_RESPONSE_TOO_LARGE'
/** {@link InvalidRequestError}: undici refused to send the request; never retried. */
export const ERR_POOL_INVALID_REQUEST = 'ERR_POOL_INVALID_REQUEST'

/** Every `code` an `@x/pool` error can carry. */
export type PoolErrorCode =
  | typeof ERR_POOL
  | typeof ERR_POOL_MAX_RETRY
  | typeof ERR_POOL_TIMEOUT
  | typeof ERR_POOL_CONNECT_TIMEOUT
  | typeof ERR_POOL_READ_TIMEOUT
  | typeof ERR_POOL_NEW_CONNECTION
  | typeof ERR_POOL_NAME_RESOLUTION
  | typeof ERR_POOL_PROTOCOL
  | typeof ERR_POOL_INCOMPLETE_READ
  | typeof ERR_POOL_SSL
  | typeof ERR_POOL_PROXY
  | typeof ERR_POOL_LOCATION_PARSE
  | typeof ERR_POOL_DECODE
  | typeof ERR_POOL_RESPONSE
  | typeof ERR_POOL_EMPTY
  | typeof ERR_POOL_CLOSED
  | typeof ERR_POOL_HEADER_PARSING
  | typeof ERR_POOL_RESPONSE_TOO_LARGE
  | typeof ERR_POOL_INVALID_REQUEST
