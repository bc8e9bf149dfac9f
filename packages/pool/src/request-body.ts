import { findHeader, HTTPHeaderDict, type PoolHeadersInput } from './header-dict.js'
import { encodeMultipartFormData, type Fields, urlencodeFields } from './multipart.js'
import { assertHeaderName, assertHeaderValue } from './validate.js'
import { pathOf } from './url.js'

/**
 * A request body: text, bytes, a Node readable or any async iterable of bytes (streams are sent once).
 *
 * @example
 * ```ts
 * await pm.request('PUT', url, { body: createReadStream('upload.bin') })
 * ```
 */
export type BodyInput = string | Uint8Array | NodeJS.ReadableStream | AsyncIterable<Uint8Array> | null

/** The parts of the request options that shape what is sent. */
export interface EncodeOptions {
  /**
   * Form fields: in the query string for GET, HEAD, DELETE and OPTIONS, else a `multipart/form-data` body (or
   * urlencoded with `encodeMultipart: false`). Not with `body` or `json`.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.request.html
   */
  fields?: Fields | undefined
  /** The raw body. A string or `Uint8Array` can be resent on a retry or redirect; a stream cannot. */
  body?: BodyInput | undefined
  /**
   * Sent as UTF-8 JSON (`JSON.stringify`), with `Content-Type: application/json` unless the headers set one.
   * Not with `body` or `fields`.
   */
  json?: unknown
  /** Headers of this request; they replace the manager's default headers (urllib3 does not merge them). */
  headers?: PoolHeadersInput | undefined
  /** `false` sends `fields` as `application/x-www-form-urlencoded` instead of multipart. Default `true`. */
  encodeMultipart?: boolean | undefined
  /**
   * The multipart boundary (1 to 70 safe characters); default 32 random hex digits.
   * @see https://www.rfc-editor.org/rfc/rfc2046#section-5.1.1
   */
  multipartBoundary?: string | undefined
}

/** A request ready for undici: flat validated headers, path with query, body and whether it can be resent. */
export interface PreparedRequest {
  method: string
  path: string
  headers: string[]
  body: string | Uint8Array | NodeJS.ReadableStream | AsyncIterable<Uint8Array> | null
  replayable: boolean
}

// urllib3's RequestMethods._encode_url_methods: fields go to the query string for these.
const URL_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])
export const USER_AGENT = 'x-pool/0.1'

/** Flattens and validates headers to `[name, value, ...]`. Throws `TypeError` on CR/LF/controls. */
export function flattenHeaders(input: PoolHeadersInput): string[] {
  if (input instanceof HTTPHeaderDict) return input.toFlat()
  const out: string[] = []
  if (Symbol.iterator in input) {
    for (const [name, value] of input as Iterable<readonly [string, string]>) pushHeader(out, name, value)
    return out
  }
  const record = input as Record<string, string | readonly string[] | undefined>
  for (const name of Object.keys(record)) {
    const value = record[name]
    if (value === undefined) continue
    if (typeof value === 'string') pushHeader(out, name, value)
    else for (const v of value) pushHeader(out, name, v)
  }
  return out
}

function pushHeader(out: string[], name: string, value: string): void {
  assertHeaderName(name)
  assertHeaderValue(name, value)
  out.push(name, value)
}

/** Drops every header whose lower-case name is in `names`. */
export function withoutHeaders(headers: readonly string[], names: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (let i = 0; i < headers.length; i += 2) {
    if (!names.has(headers[i]!.toLowerCase())) out.push(headers[i]!, headers[i + 1]!)
  }
  return out
}

function isReplayable(body: unknown): boolean {
  return body === null || body === undefined || typeof body === 'string' || body instanceof Uint8Array
}

/**
 * Encodes `fields` / `json` / `body` as urllib3's `request()` does: fields in the query string for
 * GET/HEAD/DELETE/OPTIONS, multipart (default) or urlencoded otherwise; `json` as UTF-8 JSON with
 * `Content-Type: application/json` unless a content type was given.
 */
export function prepareRequest(
  method: string,
  target: URL,
  options: EncodeOptions,
  defaults: string[],
): PreparedRequest {
  let headers = options.headers === undefined ? defaults : flattenHeaders(options.headers)
  let path = pathOf(target)
  let body: PreparedRequest['body'] = options.body ?? null
  let contentType: string | undefined
  const { fields, json } = options
  if (fields !== undefined && fields !== null) {
    if (options.body !== undefined)
      throw new TypeError("request got values for both 'fields' and 'body', can only specify one.")
    if (URL_METHODS.has(method.toUpperCase())) {
      const query = urlencodeFields(fields)
      if (query !== '') path += (target.search === '' ? '?' : '&') + query
    } else if (options.encodeMultipart === false) {
      body = urlencodeFields(fields)
      contentType = 'application/x-www-form-urlencoded'
    } else {
      const encoded = encodeMultipartFormData(fields, options.multipartBoundary)
      body = encoded.body
      contentType = encoded.contentType
    }
  }
  if (json !== undefined) {
    if (options.body !== undefined || fields !== undefined) {
      throw new TypeError("request got values for both 'body'/'fields' and 'json', can only specify one.")
    }
    body = JSON.stringify(json)
    contentType = 'application/json'
  }
  const needsType = contentType !== undefined && findHeader(headers, 'content-type') === -1
  const needsAgent = headers !== defaults && findHeader(headers, 'user-agent') === -1
  if (needsType || needsAgent) {
    headers = headers === defaults ? [...defaults] : headers
    if (needsType) headers.push('Content-Type', contentType!)
    if (needsAgent) headers.push('User-Agent', USER_AGENT)
  }
  return { method, path, headers, body, replayable: isReplayable(body) }
}
