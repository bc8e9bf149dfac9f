// The stable `code` of every @x/requests error; `RequestException.code` is typed as their union.

/** {@link RequestException} (no more specific class). */
export const ERR_REQUESTS = 'ERR_REQUESTS'
/** {@link ChunkedEncodingError}. */
export const ERR_REQUESTS_CHUNKED_ENCODING = 'ERR_REQUESTS_CHUNKED_ENCODING'
/** {@link ConnectTimeout}. */
export const ERR_REQUESTS_CONNECT_TIMEOUT = 'ERR_REQUESTS_CONNECT_TIMEOUT'
/** {@link ConnectionError}. */
export const ERR_REQUESTS_CONNECTION = 'ERR_REQUESTS_CONNECTION'
/** {@link ContentDecodingError}. */
export const ERR_REQUESTS_CONTENT_DECODING = 'ERR_REQUESTS_CONTENT_DECODING'
/** {@link HTTPError}. */
export const ERR_REQUESTS_HTTP = 'ERR_REQUESTS_HTTP'
/** {@link InvalidHeader}. */
export const ERR_REQUESTS_INVALID_HEADER = 'ERR_REQUESTS_INVALID_HEADER'
/** {@link InvalidJSONError}. */
export const ERR_REQUESTS_INVALID_JSON = 'ERR_REQUESTS_INVALID_JSON'
/** {@link InvalidSchema}. */
export const ERR_REQUESTS_INVALID_SCHEMA = 'ERR_REQUESTS_INVALID_SCHEMA'
/** {@link InvalidURL}. */
export const ERR_REQUESTS_INVALID_URL = 'ERR_REQUESTS_INVALID_URL'
/** {@link JSONDecodeError}. */
export const ERR_REQUESTS_JSON_DECODE = 'ERR_REQUESTS_JSON_DECODE'
/** {@link MissingSchema}. */
export const ERR_REQUESTS_MISSING_SCHEMA = 'ERR_REQUESTS_MISSING_SCHEMA'
/** {@link ProxyError}. */
export const ERR_REQUESTS_PROXY = 'ERR_REQUESTS_PROXY'
/** {@link ReadTimeout}. */
export const ERR_REQUESTS_READ_TIMEOUT = 'ERR_REQUESTS_READ_TIMEOUT'
/** {@link RetryError}. */
export const ERR_REQUESTS_RETRY = 'ERR_REQUESTS_RETRY'
/** {@link SSLError}. */
export const ERR_REQUESTS_SSL = 'ERR_REQUESTS_SSL'
/** {@link StreamConsumedError}. */
export const ERR_REQUESTS_STREAM_CONSUMED = 'ERR_REQUESTS_STREAM_CONSUMED'
/** {@link Timeout}. */
export const ERR_REQUESTS_TIMEOUT = 'ERR_REQUESTS_TIMEOUT'
/** {@link TooManyRedirects}. */
export const ERR_REQUESTS_TOO_MANY_REDIRECTS = 'ERR_REQUESTS_TOO_MANY_REDIRECTS'
/** {@link UnrewindableBodyError}. */
export const ERR_REQUESTS_UNREWINDABLE_BODY = 'ERR_REQUESTS_UNREWINDABLE_BODY'
/** `UnregisteredCallError` of `@x/requests/testing`. */
export const ERR_REQUESTS_UNREGISTERED_CALL = 'ERR_REQUESTS_UNREGISTERED_CALL'
/** {@link URLRequired}. */
export const ERR_REQUESTS_URL_REQUIRED = 'ERR_REQUESTS_URL_REQUIRED'

/** Every `code` an `@x/requests` error can carry. */
export type RequestsErrorCode =
  | typeof ERR_REQUESTS
  | typeof ERR_REQUESTS_CHUNKED_ENCODING
  | typeof ERR_REQUESTS_CONNECT_TIMEOUT
  | typeof ERR_REQUESTS_CONNECTION
  | typeof ERR_REQUESTS_CONTENT_DECODING
  | typeof ERR_REQUESTS_HTTP
  | typeof ERR_REQUESTS_INVALID_HEADER
  | typeof ERR_REQUESTS_INVALID_JSON
  | typeof ERR_REQUESTS_INVALID_SCHEMA
  | typeof ERR_REQUESTS_INVALID_URL
  | typeof ERR_REQUESTS_JSON_DECODE
  | typeof ERR_REQUESTS_MISSING_SCHEMA
  | typeof ERR_REQUESTS_PROXY
  | typeof ERR_REQUESTS_READ_TIMEOUT
  | typeof ERR_REQUESTS_RETRY
  | typeof ERR_REQUESTS_SSL
  | typeof ERR_REQUESTS_STREAM_CONSUMED
  | typeof ERR_REQUESTS_TIMEOUT
  | typeof ERR_REQUESTS_TOO_MANY_REDIRECTS
  | typeof ERR_REQUESTS_UNREWINDABLE_BODY
  | typeof ERR_REQUESTS_UNREGISTERED_CALL
  | typeof ERR_REQUESTS_URL_REQUIRED
