import { inspect } from 'node:util'
import type { AuthInput } from '../auth/auth-base.js'
import type { FilesInput } from '../body/multipart.js'
import type { DataInput } from '../body/prepare-body.js'
import type { CookiesInput } from '../cookies/cookie-jar.js'
import { type Hooks, type HooksInput, toHooks } from '../hooks.js'
import type { HeadersInput } from '../util/headers.js'
import type { ParamsInput } from '../util/url.js'
import { PreparedRequest } from './prepared-request.js'

/**
 * Fields of a {@link Request} besides method and URL.
 *
 * @example
 * ```ts
 * new Request('POST', url, { json: { a: 1 }, headers: { 'X-Id': '1' } })
 * ```
 */
export interface RequestInit {
  /** Headers of the request. */
  headers?: HeadersInput | null | undefined
  /** Multipart files, as {@link RequestOptions.files}. */
  files?: FilesInput | null | undefined
  /** The body, as {@link RequestOptions.data}. */
  data?: DataInput
  /** A value sent as JSON, as {@link RequestOptions.json}. */
  json?: unknown
  /** Query parameters added to the URL. */
  params?: ParamsInput | null | undefined
  /** Authentication: `[user, password]`, an `AuthBase` or a function of the prepared request. */
  auth?: AuthInput | null | undefined
  /** Cookies sent with the request. */
  cookies?: CookiesInput | null | undefined
  /** Hooks of the request: `{ request?, response? }`, each a function or a list. */
  hooks?: HooksInput | Hooks | null | undefined
}

/**
 * A user-created request, not yet prepared (requests' `Request`). Prepare it alone with {@link Request.prepare},
 * or with a session's settings merged in through `session.prepareRequest(request)`.
 *
 * @example
 * ```ts
 * const req = new Request('GET', 'http://127.0.0.1:8080/get', { params: { q: 'x' } })
 * const prepared = await session.prepareRequest(req)
 * prepared.headers.set('X-Trace', '1')
 * const r = await session.send(prepared)
 * ```
 */
export class Request {
  /**
   * The HTTP method, upper-cased when prepared.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Request
   */
  method: string
  /** The URL, as given (params are added when prepared). */
  url: string
  /** Headers of the request. */
  headers: HeadersInput | null | undefined
  /** Multipart files, as {@link RequestOptions.files}. */
  files: FilesInput | null | undefined
  /** The body, as {@link RequestOptions.data}. */
  data: DataInput
  /** A value sent as JSON, as {@link RequestOptions.json}. */
  json: unknown
  /** Query parameters added to the URL. */
  params: ParamsInput | null | undefined
  #auth: AuthInput | null | undefined
  /** Cookies sent with the request. */
  cookies: CookiesInput | null | undefined
  /** The request's hooks, as lists per event. */
  hooks: Hooks

  constructor(method = 'GET', url = '', init: RequestInit = {}) {
    this.method = method
    this.url = url
    this.headers = init.headers
    this.files = init.files
    this.data = init.data
    this.json = init.json
    this.params = init.params
    this.#auth = init.auth
    this.cookies = init.cookies
    this.hooks = toHooks(init.hooks)
  }

  /** Auth for this request (kept out of enumeration and `inspect`, it may hold credentials). */
  get auth(): AuthInput | null | undefined {
    return this.#auth
  }

  /** Sets the auth of this request. */
  set auth(value: AuthInput | null | undefined) {
    this.#auth = value
  }

  /** Prepare this request on its own (no session settings). */
  prepare(): Promise<PreparedRequest> {
    return new PreparedRequest().prepare({
      method: this.method,
      url: this.url,
      headers: this.headers,
      files: this.files,
      data: this.data,
      json: this.json,
      params: this.params,
      auth: this.#auth,
      cookies: this.cookies,
      hooks: this.hooks,
    })
  }

  /** `<Request [METHOD]>`: no URL credentials, headers or body in logs. */
  [inspect.custom](): string {
    return `<Request [${this.method}]>`
  }
}
