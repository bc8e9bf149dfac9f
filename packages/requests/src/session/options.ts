import { type OptionRegistry, optionKeys } from '@x/pool'
import { z } from 'zod'
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
  headers?: HeadersInput
  auth?: AuthInput | null
  params?: ParamsInput
  cookies?: CookiesInput
  proxies?: Proxies
  verify?: VerifyInput
  cert?: CertInput
  /** Milliseconds; default {@link DEFAULT_TIMEOUT}; `null` for none. */
  timeout?: TimeoutInput
  /** Default 30, as requests. */
  maxRedirects?: number
  /** Read proxies, `NO_PROXY`, `.netrc` and `REQUESTS_CA_BUNDLE` from the environment. Default true. */
  trustEnv?: boolean
  hooks?: HooksInput
  /** Prefix for relative URLs; absolute or protocol-relative URLs cannot escape it. */
  baseUrl?: string
  /** Default for `stream`. */
  stream?: boolean
  /**
   * Largest response body, raw or decoded, in bytes. Default `DEFAULT_MAX_RESPONSE_SIZE` (64 MiB) for bodies
   * read into memory, no limit for `stream: true`; `null` for `@x/pool`'s default (1 GiB decoded, raw unlimited).
   * Exceeding it raises `ContentDecodingError` (compressed body) or `ConnectionError`, the pool's
   * `ResponseTooLargeError` as `cause`.
   */
  maxResponseSize?: MaxResponseSizeInput
  /** Options of the default `http://` and `https://` adapters. */
  adapterOptions?: HTTPAdapterOptions
  /**
   * An undici dispatcher the default adapters send through (shorthand for `adapterOptions.dispatcher`): undici's
   * `MockAgent` in tests (see `@x/requests/testing`). Redirects, cookies, auth and retries still run here.
   */
  dispatcher?: Dispatcher
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
  params?: ParamsInput | null | undefined
  data?: DataInput
  json?: unknown
  files?: FilesInput | null | undefined
  /** Merged over the session's; a `null`/`undefined` value removes a session header. */
  headers?: Readonly<Record<string, string | undefined | null>> | HeadersInput | undefined
  cookies?: CookiesInput | null | undefined
  /** `null` disables the session's auth (and `.netrc`) for this request. */
  auth?: AuthInput | null | undefined
  timeout?: TimeoutInput | undefined
  allowRedirects?: boolean | undefined
  stream?: boolean | undefined
  proxies?: Proxies | undefined
  verify?: VerifyInput | undefined
  cert?: CertInput | undefined
  hooks?: HooksInput | undefined
  signal?: AbortSignal | undefined
  onUploadProgress?: ((progress: Progress) => void) | undefined
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

const object = z.custom<object>((v) => typeof v === 'object' && v !== null, { error: 'must be an object' })
const fnOrList = z.union(
  [z.custom<(...a: never[]) => unknown>((v) => typeof v === 'function'), z.array(z.any())],
  {
    error: 'must be a function or an array of functions',
  },
)
const positive = z
  .number({ error: 'must be a positive number' })
  .positive({ error: 'must be a positive number' })
const timeout = z.union(
  [
    positive,
    z.tuple([positive, positive]),
    z.strictObject({ connect: positive.optional(), read: positive.optional(), total: positive.optional() }),
    z.null(),
  ],
  { error: 'must be a positive number of ms, [connect, read], { connect, read, total } or null' },
)

// The schema's shape is the registry of SessionOptions: a key missing here or unknown to the type does not compile.
export const sessionSchema = z.strictObject({
  headers: object.optional(),
  auth: z
    .union(
      [
        z.tuple([z.string(), z.string()]),
        z.custom((v) => typeof v === 'function' || (typeof v === 'object' && v !== null && 'apply' in v)),
        z.null(),
      ],
      {
        error: 'must be [user, password], an AuthBase or a function',
      },
    )
    .optional(),
  params: z.union([z.string(), object], { error: 'must be a string or an object' }).optional(),
  cookies: object.optional(),
  proxies: z
    .record(z.string(), z.union([z.string(), z.null(), z.undefined()]), { error: 'must be { scheme: url }' })
    .optional(),
  verify: z.union([z.boolean(), z.string()], { error: 'must be a boolean or a CA bundle path' }).optional(),
  cert: z
    .union([z.string(), z.tuple([z.string(), z.string()])], { error: 'must be a path or [cert, key]' })
    .optional(),
  timeout: timeout.optional(),
  maxRedirects: z.number().int().nonnegative({ error: 'must be a non-negative integer' }).optional(),
  trustEnv: z.boolean({ error: 'must be a boolean' }).optional(),
  hooks: z.strictObject({ request: fnOrList.optional(), response: fnOrList.optional() }).optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  stream: z.boolean({ error: 'must be a boolean' }).optional(),
  adapterOptions: object.optional(),
  dispatcher: z
    .custom<object>((v) => typeof (v as { dispatch?: unknown } | null)?.dispatch === 'function', {
      error: 'must be an undici Dispatcher (an object with a dispatch() method)',
    })
    .optional(),
  maxResponseSize: z
    .union([z.number().int().positive(), z.null()], { error: 'must be a positive integer (bytes) or null' })
    .optional(),
} satisfies { [K in keyof SessionOptions]-?: z.ZodType })
