export { AuthBase } from './auth/auth-base.js'
export type { AuthInput } from './auth/auth-base.js'
export { HTTPBasicAuth, HTTPProxyAuth } from './auth/http-basic-auth.js'
export { HTTPDigestAuth } from './auth/http-digest-auth.js'
export type { FileContent, FileSpec, FilesInput, FileTuple, FileValue } from './body/multipart.js'
export type { Body, DataInput } from './body/prepare-body.js'
export { CaseInsensitiveDict } from './case-insensitive-dict.js'
export type { DictInit } from './case-insensitive-dict.js'
export { codes } from './codes.js'
export type { Codes, StatusName } from './codes.js'
export { RequestsCookieJar } from './cookies/cookie-jar.js'
export type { CookieAttributes, CookieFilter, CookiesInput, SameSiteContext } from './cookies/cookie-jar.js'
export { ChunkedEncodingError } from './errors/chunked-encoding-error.js'
export {
  ERR_REQUESTS,
  ERR_REQUESTS_CHUNKED_ENCODING,
  ERR_REQUESTS_CONNECT_TIMEOUT,
  ERR_REQUESTS_CONNECTION,
  ERR_REQUESTS_CONTENT_DECODING,
  ERR_REQUESTS_HTTP,
  ERR_REQUESTS_INVALID_HEADER,
  ERR_REQUESTS_INVALID_JSON,
  ERR_REQUESTS_INVALID_SCHEMA,
  ERR_REQUESTS_INVALID_URL,
  ERR_REQUESTS_JSON_DECODE,
  ERR_REQUESTS_MISSING_SCHEMA,
  ERR_REQUESTS_PROXY,
  ERR_REQUESTS_READ_TIMEOUT,
  ERR_REQUESTS_RETRY,
  ERR_REQUESTS_SSL,
  ERR_REQUESTS_STREAM_CONSUMED,
  ERR_REQUESTS_TIMEOUT,
  ERR_REQUESTS_TOO_MANY_REDIRECTS,
  ERR_REQUESTS_UNREGISTERED_CALL,
  ERR_REQUESTS_UNREWINDABLE_BODY,
  ERR_REQUESTS_URL_REQUIRED,
  type RequestsErrorCode,
} from './errors/codes.js'
export { ConnectTimeout } from './errors/connect-timeout.js'
export { ConnectionError } from './errors/connection-error.js'
export { ContentDecodingError } from './errors/content-decoding-error.js'
export { HTTPError } from './errors/http-error.js'
export { InvalidHeader } from './errors/invalid-header.js'
export { InvalidJSONError } from './errors/invalid-json-error.js'
export { InvalidSchema } from './errors/invalid-schema.js'
export { InvalidURL } from './errors/invalid-url.js'
export { JSONDecodeError } from './errors/json-decode-error.js'
export { MissingSchema } from './errors/missing-schema.js'
export { ProxyError } from './errors/proxy-error.js'
export { ReadTimeout } from './errors/read-timeout.js'
export { RequestException } from './errors/request-exception.js'
export type { RequestExceptionModels, RequestExceptionOptions } from './errors/request-exception.js'
export { RetryError } from './errors/retry-error.js'
export { SSLError } from './errors/ssl-error.js'
export { StreamConsumedError } from './errors/stream-consumed-error.js'
export { Timeout } from './errors/timeout.js'
export { TooManyRedirects } from './errors/too-many-redirects.js'
export { UnrewindableBodyError } from './errors/unrewindable-body-error.js'
export { URLRequired } from './errors/url-required.js'
export type { HookContext, HookModels, Hooks, HooksInput, RequestHook, ResponseHook } from './hooks.js'
export { PreparedRequest } from './models/prepared-request.js'
export type { PrepareOptions } from './models/prepared-request.js'
export { Request } from './models/request.js'
export type { RequestInit } from './models/request.js'
export { Response } from './models/response.js'
export type { IterContentOptions, Progress, RawResponse } from './models/response.js'
export type { IterLinesOptions } from './models/body-iteration.js'
export type { Link } from './util/content.js'
export type { HeadersInput } from './util/headers.js'
export type { ParamsInput, ParamValue } from './util/url.js'
export type { Proxies } from './util/proxies.js'
export type { StandardSchemaV1 } from './util/standard-schema.js'
export { DEFAULT_POOLSIZE, HTTPAdapter } from './adapters/http-adapter.js'
// requests users write `from requests.adapters import Retry` (urllib3's): the same class as @x/pool's.
export { Retry } from '@x/pool'
export type { RetryOptions } from '@x/pool'
export type { AdapterSendOptions, Dispatcher, HTTPAdapterOptions } from './adapters/http-adapter.js'
export { DEFAULT_MAX_RESPONSE_SIZE } from './adapters/response-size.js'
export type { MaxResponseSizeInput } from './adapters/response-size.js'
export { DEFAULT_TIMEOUT } from './adapters/timeouts.js'
export type { TimeoutInput, TimeoutSpec } from './adapters/timeouts.js'
export type { CertInput, VerifyInput } from './adapters/tls.js'
export { Session } from './session/session.js'
export type { RequestOptions, SendOptions, SessionOptions } from './session/options.js'
export { del as delete, get, head, options, patch, post, put, request } from './api.js'
export { VERSION } from './version.js'
export { type SessionHopContext, type SessionRequestContext, tracingChannels } from './tracing.js'
