import { brandError, hasErrorBrand } from '@x/pool'
import { ERR_REQUESTS, type RequestsErrorCode } from './codes.js'

/**
 * The types of `request` and `response` on every error: `{ request: PreparedRequest; response: Response }`.
 * models/prepared-request.ts and models/response.ts add them by declaration merging, so that the errors (which the
 * models throw) do not import the models back: no import circle (issue 15).
 *
 * @example
 * ```ts
 * const response: RequestExceptionModels['response'] = await requests.get(url)
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from models/
export interface RequestExceptionModels {}

/**
 * Options accepted by every error of this package.
 *
 * @example
 * ```ts
 * throw new InvalidURL('bad URL', { cause: error, request })
 * ```
 */
export interface RequestExceptionOptions {
  /** The lower-level error this one translates (an `@x/pool` error, a zod error...). */
  cause?: unknown
  /** The request that was being sent. Attached non-enumerably. */
  request?: RequestExceptionModels['request'] | undefined
  /** The response, when one was received. Attached non-enumerably. */
  response?: RequestExceptionModels['response'] | undefined
}

/**
 * Base class of every error thrown by `@x/requests` (requests' `RequestException`).
 *
 * `instanceof` works across two installed copies of the package and follows requests' multiple inheritance
 * (a {@link ConnectTimeout} is both a `ConnectionError` and a `Timeout`); the `code` string is the stable contract.
 * `request` and `response` are attached non-enumerably so that `util.inspect(error)` stays short and free of
 * secrets.
 *
 * @example
 * ```ts
 * try {
 *   await requests.get('http://127.0.0.1:1/')
 * } catch (error) {
 *   if (error instanceof RequestException) console.log(error.code)
 * }
 * ```
 */
export class RequestException extends Error {
  /** Brand shared by every copy of this class (`Symbol.for`). */
  static readonly brand: symbol = Symbol.for('@x/requests.RequestException')
  /** Extra brands of classes this class also "inherits" from (requests' multiple inheritance). */
  static readonly alsoBrands: readonly symbol[] = []
  /** Stable machine-readable code, e.g. `'ERR_REQUESTS_CONNECTION'`. */
  static readonly code: RequestsErrorCode = ERR_REQUESTS

  /**
   * `instanceof` by brand: holds across two installed copies of the package, for requests' multiple
   * inheritance, and for errors of `@x/oauth2` that translate this one.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` is asked about
    return hasErrorBrand(value, this.brand)
  }

  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'RequestException'
  /** Stable machine-readable code (an own property: logs and `JSON.stringify` show it). */
  readonly code: RequestsErrorCode
  /**
   * The request being sent (non-enumerable); taken from `response.request` when only a response was given.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.RequestException
   */
  declare readonly request: RequestExceptionModels['request'] | undefined
  /**
   * The response, when one was received (non-enumerable), e.g. for `HTTPError` from `raiseForStatus()`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.RequestException
   */
  declare readonly response: RequestExceptionModels['response'] | undefined

  constructor(message: string, options: RequestExceptionOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    const ctor = new.target as unknown as typeof RequestException
    this.code = ctor.code
    const response = options.response
    const request =
      options.request ?? (response as { request?: RequestExceptionModels['request'] } | undefined)?.request
    Object.defineProperty(this, 'request', { value: request, enumerable: false, writable: true })
    Object.defineProperty(this, 'response', { value: response, enumerable: false, writable: true })
    // A translated @x/pool error stays catchable by its own class (`instanceof NewConnectionError` holds too); for
    // a MaxRetryError, so does the reason it wraps.
    const cause = options.cause as { reason?: unknown } | undefined
    brandError(this, ctor, cause, cause?.reason)
  }
}
