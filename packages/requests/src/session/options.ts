import { type OptionRegistry, optionKeys } from '@x/pool'
import { optionSchema as s } from '@x/pool'
import type { AuthInput } from '../auth/auth-base.js'
import type { FilesInput } from '../body/multipart.js'
import type { DataInput } from '../body/prepare-body.js'
import type { CookiesInput } from '../cookies/cookie-jar.js'
import type { HooksInput } from '../hooks.js'
import type { Progress } from '../models/response.js'
import type { HeadersInput } from '../util/headers.js'
import type { Proxies } from '../util/proxies.js'
import type { ParamsInput } from '../util/url.js'
import type { Dispatcher, HTTPAdapterOptions } from '../adapters/http-adapter.js'
import type { MaxResponseSizeInput } from '../adapters/response-size.js'
import type { TimeoutInput } from '../adapters/timeouts.js'
import type { CertInput, VerifyInput } from '../adapters/tls.js'

/**
 * Options of `new Session()`: the defaults every request of the session starts from.
 *
 * @example
 * ```ts
 * new Session({ headers: { 'User-Agent': 'app/1' }, auth: ['u', 'p'], timeout: 10_000, baseUrl: 'http://127.0.0.1:8080/api/' })
 * ```
 */
export interface SessionOptions {
  /**
   * Headers sent with every request, over the defaults (`User-Agent`, `Accept-Encoding`, `Accept`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session
   */
  headers?: HeadersInput | undefined
  /**
   * Default authentication: `[user, password]` (HTTP Basic), an `AuthBase` or a function of the prepared
   * request.
   * @see https://requests.readthedocs.io/en/latest/user/authentication/
   */
  auth?: AuthInput | null | undefined
  /** Query parameters added to every request (a request's own are merged over them). */
  params?: ParamsInput | undefined
  /** Initial cookies of the session's jar (a {@link RequestsCookieJar} is used as is). */
  cookies?: CookiesInput | undefined
  /**
   * Proxy URL per scheme or `scheme://host` (`{ https: 'http://127.0.0.1:3128' }`); a `null` entry disables
   * the proxy for that key.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#proxies
   */
  proxies?: Proxies | undefined
  /**
   * TLS verification: `true` (default, Node's CAs), `false` (none), or the path of a CA bundle file.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification
   */
  verify?: VerifyInput | undefined
  /**
   * Client certificate for mutual TLS: a PEM file holding certificate and key, or `[certFile, keyFile]`.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#client-side-certificates
   */
  cert?: CertInput | undefined
  /** Milliseconds; default `DEFAULT_TIMEOUT`; `null` for none. */
  timeout?: TimeoutInput | undefined
  /** Default 30, as requests. */
  maxRedirects?: number | undefined
  /** Read proxies, `NO_PROXY`, `.netrc` and `REQUESTS_CA_BUNDLE` from the environment. Default true. */
  trustEnv?: boolean | undefined
  /**
   * Hooks run for every request: `{ response: fn | fn[] }` (requests' event hooks), and `request` before
   * sending.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#event-hooks
   */
  hooks?: HooksInput | undefined
  /** Prefix for relative URLs; absolute or protocol-relative URLs cannot escape it. */
  baseUrl?: string | undefined
  /** Default for `stream`. */
  stream?: boolean | undefined
  /**
   * Largest response body, raw or decoded, in bytes. Default `DEFAULT_MAX_RESPONSE_SIZE` (64 MiB) for bodies
   * read into memory, no limit for `stream: true`; `null` for `@x/pool`'s default (1 GiB decoded, raw unlimited).
   * Exceeding it raises `ContentDecodingError` (compressed body) or `ConnectionError`, the pool's
   * `ResponseTooLargeError` as `cause`.
   */
  maxResponseSize?: MaxResponseSizeInput | undefined
  /** Options of the default `http://` and `https://` adapters. */
  adapterOptions?: HTTPAdapterOptions | undefined
  /**
   * An undici dispatcher the default adapters send through (shorthand for `adapterOptions.dispatcher`): undici's
   * `MockAgent` in tests (see `@x/requests/testing`). Redirects, cookies, auth and retries still run here.
   */
  dispatcher?: Dispatcher | undefined
}

/**
 * Options of one request (requests' `Session.request` keyword arguments, camelCased).
 *
 * @example
 * ```ts
 * await s.get(url, { params: { q: 'x' }, timeout: 5_000, allowRedirects: false })
 * ```
 */
export interface RequestOptions {
  /**
   * Query parameters, appended to the URL's own and merged over the session's; a `null` value removes a
   * session parameter.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.request
   */
  params?: ParamsInput | null | undefined
  /**
   * The body: a string, bytes or `Blob` as is; an object, `[key, value]` pairs or `URLSearchParams`
   * form-encoded (multipart fields with `files`); `FormData` as multipart; a stream or async iterable streamed.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.request
   */
  data?: DataInput
  /**
   * Sent as JSON with `Content-Type: application/json` (ignored when `data` or `files` is given, as
   * requests).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.request
   */
  json?: unknown
  /**
   * Multipart files: `{ name: content | [filename, content, contentType?, headers?] }` or `[name, file]`
   * pairs; sent as `multipart/form-data` with `data` as extra fields.
   * @see https://requests.readthedocs.io/en/latest/user/quickstart/#post-a-multipart-encoded-file
   */
  files?: FilesInput | null | undefined
  /** Merged over the session's; a `null`/`undefined` value removes a session header. */
  headers?: Readonly<Record<string, string | undefined | null>> | HeadersInput | undefined
  /** Cookies for this request, merged over the session's jar (which they do not change). */
  cookies?: CookiesInput | null | undefined
  /** `null` disables the session's auth (and `.netrc`) for this request. */
  auth?: AuthInput | null | undefined
  /**
   * Timeout in ms: a number for connect and read, `[connect, read]`, `{ connect, read, total }`, or `null`
   * for none. Default: the session's (`DEFAULT_TIMEOUT`).
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#timeouts
   */
  timeout?: TimeoutInput | undefined
  /**
   * Follow redirects (up to the session's `maxRedirects`). Default `true`, `false` for `head()`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.request
   */
  allowRedirects?: boolean | undefined
  /**
   * `true`: resolve once the headers arrive and leave the body to be read (`iterContent`, `for await`) or
   * closed. Default: the session's (`false`).
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#body-content-workflow
   */
  stream?: boolean | undefined
  /**
   * Proxies for this request, merged over the session's (and the environment's when `trustEnv`).
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#proxies
   */
  proxies?: Proxies | undefined
  /**
   * TLS verification for this request: `true`, `false` or a CA bundle path. Default: the session's.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification
   */
  verify?: VerifyInput | undefined
  /**
   * Client certificate for this request: a PEM file path or `[certFile, keyFile]`. Default: the session's.
   */
  cert?: CertInput | undefined
  /**
   * Hooks of this request, run after the session's.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#event-hooks
   */
  hooks?: HooksInput | undefined
  /** Aborts the request at any stage, redirects included; the promise rejects with `signal.reason`. */
  signal?: AbortSignal | undefined
  /**
   * Called as the body is sent, with the bytes sent so far and the `Content-Length` when known; never after the
   * response has arrived (a server may answer before reading the whole body).
   */
  onUploadProgress?: ((progress: Progress) => void) | undefined
  /** Called as the body is received, with the bytes received so far and the `Content-Length` when known. */
  onDownloadProgress?: ((progress: Progress) => void) | undefined
  /** Overrides the session's `maxResponseSize` (bytes, or `null` for no limit of ours). */
  maxResponseSize?: MaxResponseSizeInput | undefined
}

/** The options of {@link RequestOptions} that `session.send()` takes too (they act after preparation). */
const SEND_REGISTRY = {
  stream: true,
  timeout: true,
  verify: true,
  cert: true,
  proxies: true,
  allowRedirects: true,
  signal: true,
  onUploadProgress: true,
  onDownloadProgress: true,
  maxResponseSize: true,
} as const satisfies { [K in keyof RequestOptions]?: true }

/**
 * Options of `session.send(prepared, options)`: the options of {@link RequestOptions} that act after preparation.
 *
 * @example
 * ```ts
 * await s.send(prepared, { stream: true, timeout: 5_000 })
 * ```
 */
export type SendOptions = Pick<RequestOptions, keyof typeof SEND_REGISTRY>

// One registry per options type: a key added to the type and not here (or the reverse) is a compile error.
const REQUEST_REGISTRY: OptionRegistry<RequestOptions> = {
  ...SEND_REGISTRY,
  params: true,
  data: true,
  json: true,
  files: true,
  headers: true,
  cookies: true,
  auth: true,
  hooks: true,
}

/** Keys of {@link RequestOptions}, checked on every request (a misspelt option is an error). */
export const REQUEST_OPTION_KEYS = optionKeys(REQUEST_REGISTRY)
/** Keys of {@link SendOptions}. */
export const SEND_OPTION_KEYS = optionKeys<SendOptions>(SEND_REGISTRY)

const NON_NEGATIVE_INT = 'must be a non-negative integer'
const BYTES = 'must be a positive integer (bytes) or null'

// The schema's shape is the registry of SessionOptions: a key missing here or unknown to the type does not compile.
// @x/pool's option validator (zod/mini's API, without loading zod at import); every check names its own message,
// since it carries no default ones (issue 11).
// Built when a session's options are first validated.
export const sessionSchema = /* @__PURE__ */ s.lazy(() => {
  const object = s.custom<object>((v) => typeof v === 'object' && v !== null, { error: 'must be an object' })
  const fnOrList = s.union(
    [s.custom<(...a: never[]) => unknown>((v) => typeof v === 'function'), s.array(s.unknown())],
    {
      error: 'must be a function or an array of functions',
    },
  )
  const positive = s
    .number({ error: 'must be a positive number' })
    .check(s.positive({ error: 'must be a positive number' }))
  const timeout = s.union(
    [
      positive,
      s.tuple([positive, positive]),
      s.strictObject({
        connect: s.optional(positive),
        read: s.optional(positive),
        total: s.optional(positive),
      }),
      s.null(),
    ],
    { error: 'must be a positive number of ms, [connect, read], { connect, read, total } or null' },
  )
  return s.strictObject(
    {
      headers: s.optional(object),
      auth: s.optional(
        s.union(
          [
            s.tuple([s.string(), s.string()]),
            s.custom((v) => typeof v === 'function' || (typeof v === 'object' && v !== null && 'apply' in v)),
            s.null(),
          ],
          {
            error: 'must be [user, password], an AuthBase or a function',
          },
        ),
      ),
      params: s.optional(s.union([s.string(), object], { error: 'must be a string or an object' })),
      cookies: s.optional(object),
      proxies: s.optional(
        s.record(
          s.string({ error: 'must be { scheme: url }' }),
          s.union([s.string(), s.null(), s.undefined()], { error: 'must be a proxy URL or null' }),
          {
            error: 'must be { scheme: url }',
          },
        ),
      ),
      verify: s.optional(
        s.union([s.boolean(), s.string()], { error: 'must be a boolean or a CA bundle path' }),
      ),
      cert: s.optional(
        s.union([s.string(), s.tuple([s.string(), s.string()])], { error: 'must be a path or [cert, key]' }),
      ),
      timeout: s.optional(timeout),
      maxRedirects: s.optional(
        s
          .number({ error: NON_NEGATIVE_INT })
          .check(s.int({ error: NON_NEGATIVE_INT }), s.gte(0, { error: NON_NEGATIVE_INT })),
      ),
      trustEnv: s.optional(s.boolean({ error: 'must be a boolean' })),
      hooks: s.optional(
        s.strictObject(
          { request: s.optional(fnOrList), response: s.optional(fnOrList) },
          { error: 'must be an object' },
        ),
      ),
      baseUrl: s.optional(s.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })),
      stream: s.optional(s.boolean({ error: 'must be a boolean' })),
      adapterOptions: s.optional(object),
      dispatcher: s.optional(
        s.custom<object>((v) => typeof (v as { dispatch?: unknown } | null)?.dispatch === 'function', {
          error: 'must be an undici Dispatcher (an object with a dispatch() method)',
        }),
      ),
      maxResponseSize: s.optional(
        s.union([s.number().check(s.int({ error: BYTES }), s.positive({ error: BYTES })), s.null()], {
          error: BYTES,
        }),
      ),
    } satisfies { [K in keyof SessionOptions]-?: s.Schema },
    { error: 'must be an object' },
  )
})
