import { type OptionRegistry, optionKeys } from '@x/pool'
import * as z from 'zod/mini'
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
  headers?: HeadersInput | undefined
  auth?: AuthInput | null | undefined
  params?: ParamsInput | undefined
  cookies?: CookiesInput | undefined
  proxies?: Proxies | undefined
  verify?: VerifyInput | undefined
  cert?: CertInput | undefined
  /** Milliseconds; default {@link DEFAULT_TIMEOUT}; `null` for none. */
  timeout?: TimeoutInput | undefined
  /** Default 30, as requests. */
  maxRedirects?: number | undefined
  /** Read proxies, `NO_PROXY`, `.netrc` and `REQUESTS_CA_BUNDLE` from the environment. Default true. */
  trustEnv?: boolean | undefined
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
  .check(z.positive({ error: 'must be a positive number' }))
const timeout = z.union(
  [
    positive,
    z.tuple([positive, positive]),
    z.strictObject({
      connect: z.optional(positive),
      read: z.optional(positive),
      total: z.optional(positive),
    }),
    z.null(),
  ],
  { error: 'must be a positive number of ms, [connect, read], { connect, read, total } or null' },
)
const NON_NEGATIVE_INT = 'must be a non-negative integer'
const BYTES = 'must be a positive integer (bytes) or null'

// The schema's shape is the registry of SessionOptions: a key missing here or unknown to the type does not compile.
// zod/mini (not zod's classic API), so that the schemas tree-shake; every check names its own message, since
// zod/mini carries no default ones (issue 11).
export const sessionSchema = z.strictObject(
  {
    headers: z.optional(object),
    auth: z.optional(
      z.union(
        [
          z.tuple([z.string(), z.string()]),
          z.custom((v) => typeof v === 'function' || (typeof v === 'object' && v !== null && 'apply' in v)),
          z.null(),
        ],
        {
          error: 'must be [user, password], an AuthBase or a function',
        },
      ),
    ),
    params: z.optional(z.union([z.string(), object], { error: 'must be a string or an object' })),
    cookies: z.optional(object),
    proxies: z.optional(
      z.record(
        z.string({ error: 'must be { scheme: url }' }),
        z.union([z.string(), z.null(), z.undefined()], { error: 'must be a proxy URL or null' }),
        {
          error: 'must be { scheme: url }',
        },
      ),
    ),
    verify: z.optional(
      z.union([z.boolean(), z.string()], { error: 'must be a boolean or a CA bundle path' }),
    ),
    cert: z.optional(
      z.union([z.string(), z.tuple([z.string(), z.string()])], { error: 'must be a path or [cert, key]' }),
    ),
    timeout: z.optional(timeout),
    maxRedirects: z.optional(
      z
        .number({ error: NON_NEGATIVE_INT })
        .check(z.int({ error: NON_NEGATIVE_INT }), z.gte(0, { error: NON_NEGATIVE_INT })),
    ),
    trustEnv: z.optional(z.boolean({ error: 'must be a boolean' })),
    hooks: z.optional(
      z.strictObject(
        { request: z.optional(fnOrList), response: z.optional(fnOrList) },
        { error: 'must be an object' },
      ),
    ),
    baseUrl: z.optional(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })),
    stream: z.optional(z.boolean({ error: 'must be a boolean' })),
    adapterOptions: z.optional(object),
    dispatcher: z.optional(
      z.custom<object>((v) => typeof (v as { dispatch?: unknown } | null)?.dispatch === 'function', {
        error: 'must be an undici Dispatcher (an object with a dispatch() method)',
      }),
    ),
    maxResponseSize: z.optional(
      z.union([z.number().check(z.int({ error: BYTES }), z.positive({ error: BYTES })), z.null()], {
        error: BYTES,
      }),
    ),
  } satisfies { [K in keyof SessionOptions]-?: z.ZodMiniType },
  { error: 'must be an object' },
)
