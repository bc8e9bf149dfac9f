import { inspect } from 'node:util'
import { AuthBase, type AuthInput } from '../auth/auth-base.js'
import { HTTPBasicAuth } from '../auth/http-basic-auth.js'
import { type Body, buildBody, type DataInput } from '../body/prepare-body.js'
import type { FilesInput } from '../body/multipart.js'
import { CaseInsensitiveDict } from '../case-insensitive-dict.js'
import { type CookiesInput, RequestsCookieJar, type SameSiteContext } from '../cookies/cookie-jar.js'
import { UnrewindableBodyError } from '../errors/unrewindable-body-error.js'
import {
  defaultHooks,
  type Hooks,
  type HooksInput,
  type ResponseHook,
  type RequestHook,
  toHooks,
} from '../hooks.js'
import { type HeadersInput, toHeaderDict } from '../util/headers.js'
import { assertMethod } from '../util/method.js'
import { type ParamsInput, prepareUrl } from '../util/url.js'

export type { Body }

declare module '../hooks.js' {
  interface HookModels {
    /** The type hooks and auth objects get as `request`: {@link PreparedRequest}. */
    request: PreparedRequest
  }
}

declare module '../errors/request-exception.js' {
  interface RequestExceptionModels {
    /** The type of `request` on errors: {@link PreparedRequest}. */
    request: PreparedRequest
  }
}
/**
 * Everything {@link PreparedRequest.prepare} accepts (requests' `Request` fields).
 *
 * @example
 * ```ts
 * await new PreparedRequest().prepare({ method: 'GET', url, params: { q: 'x' } })
 * ```
 */
export interface PrepareOptions {
  /** The HTTP method. Default `'GET'`. */
  method?: string | undefined
  /** The URL (scheme required). Default `''`. */
  url?: string | undefined
  /** Headers of the request. */
  headers?: HeadersInput | null | undefined
  /** Multipart files, as {@link RequestOptions.files}. */
  files?: FilesInput | null | undefined
  /** The body, as {@link RequestOptions.data}. */
  data?: DataInput | undefined
  /** A value sent as JSON, as {@link RequestOptions.json}. */
  json?: unknown
  /** Query parameters added to the URL. */
  params?: ParamsInput | null | undefined
  /** Authentication applied last: `[user, password]`, an `AuthBase` or a function of the prepared request. */
  auth?: AuthInput | null | undefined
  /** Cookies the `Cookie` header is built from. */
  cookies?: CookiesInput | null | undefined
  /** Hooks of the request. */
  hooks?: HooksInput | Hooks | null | undefined
}

/** Response hooks registered by auth objects (see {@link PreparedRequest.stripAuth}). */
const AUTH_HOOKS = new WeakSet<ResponseHook>()

const METHODS = new Map(
  ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].flatMap((m) => [
    [m, m],
    [m.toLowerCase(), m],
  ]),
)

/**
 * The exact bytes-to-be of a request: method, URL (params applied, credentials removed), headers and body
 * (requests' `PreparedRequest`). Auth objects and request hooks receive and may change it before it is sent.
 *
 * @example
 * ```ts
 * const p = await new Request('POST', 'http://127.0.0.1:8080/post', { json: { a: 1 } }).prepare()
 * p.headers.get('content-type') // 'application/json'
 * const r = await session.send(p)
 * ```
 */
export class PreparedRequest {
  /** Set while {@link PreparedRequest.copy} builds the copy: its headers and hooks stay unset until #adoptFrom. */
  static #copying = false
  /** Upper-cased method. */
  method = ''
  /** Absolute URL without credentials. */
  url = ''
  /**
   * The headers to send (case-insensitive), `Content-Type`, `Content-Length`, `Cookie` and auth included.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.PreparedRequest
   */
  headers: CaseInsensitiveDict<string> = PreparedRequest.#copying
    ? (undefined as never)
    : new CaseInsensitiveDict()
  /**
   * The encoded body: a string, bytes, an async iterable (streamed), or `null`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.PreparedRequest
   */
  body: Body = null
  /** The hooks of the request, session hooks included. */
  hooks: Hooks = PreparedRequest.#copying ? (undefined as never) : defaultHooks()
  /** The cookies the `Cookie` header was built from (requests' `_cookies`), reused on redirects. */
  cookieJar: RequestsCookieJar | undefined = undefined
  /** Set by the adapter once a one-shot stream body has been handed to the connection. */
  bodyUsed = false
  #rewind: (() => AsyncIterable<Uint8Array>) | undefined = undefined
  #urlAuth: [string, string] | undefined = undefined
  #responseAuth: AuthBase | undefined = undefined

  /**
   * @internal The auth object whose `handleResponse` the session calls before the response hooks (no closure per
   * request); cleared by {@link PreparedRequest.stripAuth}.
   */
  get responseAuth(): AuthBase | undefined {
    return this.#responseAuth
  }

  /** Prepare everything, in requests' order (method, url, headers, cookies, body, auth, hooks). */
  prepare(options: PrepareOptions): Promise<this> {
    try {
      return Promise.resolve(this.prepareNow(options))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * @internal {@link prepare}, synchronous unless auth has to be applied (most requests carry none): the session's
   * hot path. Throws rather than rejects.
   */
  prepareNow(options: PrepareOptions): this | Promise<this> {
    this.prepareMethod(options.method ?? 'GET')
    this.prepareUrl(options.url ?? '', options.params)
    this.prepareHeaders(options.headers)
    this.prepareCookies(options.cookies)
    this.prepareBody(options.data, options.files, options.json)
    if (options.auth || this.#urlAuth) {
      // An auth whose `apply` answers synchronously (a bearer header) keeps the whole preparation synchronous.
      const pending = this.#applyAuth(options.auth)
      if (pending !== undefined) return this.#prepareHooksAfter(pending, options.hooks)
    }
    this.prepareHooks(options.hooks)
    return this
  }

  async #prepareHooksAfter(pending: Promise<void>, hooks: PrepareOptions['hooks']): Promise<this> {
    await pending
    this.prepareHooks(hooks)
    return this
  }

  /** Sets `method`, upper-cased; throws on a method that is not an HTTP token. */
  prepareMethod(method: string): void {
    const known = METHODS.get(method)
    if (known) {
      this.method = known
      return
    }
    assertMethod(method)
    this.method = method.toUpperCase()
  }

  /** Validate the URL (MissingSchema, InvalidURL), apply params, and keep URL credentials aside for auth. */
  prepareUrl(url: string, params?: ParamsInput | null): void {
    const p = prepareUrl(url, params)
    this.url = p.url
    this.#urlAuth = p.username || p.password ? [p.username, p.password] : undefined
  }

  /** Validate and copy the headers (InvalidHeader). */
  prepareHeaders(headers: HeadersInput | null | undefined): void {
    this.headers = toHeaderDict(headers)
  }

  /** Build the body and its Content-Type / Content-Length / Transfer-Encoding headers. */
  prepareBody(data: DataInput, files?: FilesInput | null, json?: unknown): void {
    const built = buildBody(data, files, json)
    this.body = built.body
    this.#rewind = built.rewind
    this.bodyUsed = false
    if (built.contentType && !this.headers.has('content-type'))
      this.headers.set('Content-Type', built.contentType)
    if (built.stream && built.length === undefined) {
      if (!this.headers.has('content-length')) this.headers.set('Transfer-Encoding', 'chunked')
    } else {
      this.prepareContentLength(built.length)
    }
  }

  /** requests' `prepare_content_length`. */
  prepareContentLength(length: number | undefined): void {
    if (this.body !== null && this.body !== undefined) {
      if (length) this.headers.set('Content-Length', String(length))
    } else if (this.method !== 'GET' && this.method !== 'HEAD' && !this.headers.has('content-length')) {
      this.headers.set('Content-Length', '0')
    }
  }

  /**
   * Apply auth: a tuple becomes {@link HTTPBasicAuth}; without auth, credentials from the URL are used. An
   * `AuthBase` with `handleResponse` is registered as a response hook (requests' `register_hook`).
   */
  async prepareAuth(auth: AuthInput | null | undefined, _url?: string): Promise<void> {
    await this.#applyAuth(auth)
  }

  /** {@link prepareAuth}, returning a promise only when the auth's `apply` returned one. Throws. */
  #applyAuth(auth: AuthInput | null | undefined): Promise<void> | undefined {
    let a = auth ?? (this.#urlAuth ? new HTTPBasicAuth(...this.#urlAuth) : undefined)
    if (!a) return undefined
    if (Array.isArray(a)) a = new HTTPBasicAuth(a[0], a[1])
    const applied = a as AuthBase | ((request: PreparedRequest) => PreparedRequest | Promise<PreparedRequest>)
    const r = typeof applied === 'function' ? applied(this) : applied.apply(this)
    if (isThenable(r)) return Promise.resolve(r).then((out) => this.#afterAuth(applied, out))
    this.#afterAuth(applied, r)
    return undefined
  }

  /** Adopt the request the auth returned and register its response handling. */
  #afterAuth(a: AuthBase | ((request: PreparedRequest) => unknown), r: PreparedRequest | undefined): void {
    if (r && r !== this) this.#adopt(r)
    if (!(a instanceof AuthBase) || !a.handleResponse) return
    // The first auth, before any response hook: the session calls it directly, ahead of the hooks, which is
    // where a hook registered now would run. Otherwise keep requests' order with a hook of its own.
    if (this.#responseAuth === undefined && this.hooks.response.length === 0) {
      this.#responseAuth = a
      return
    }
    const auth = a
    const hook: ResponseHook = (response, context) =>
      auth.needsResponse?.(response) === false ? undefined : auth.handleResponse!(response, context)
    AUTH_HOOKS.add(hook)
    this.registerHook('response', hook)
  }

  /**
   * Remove what auth put on this request: the `Authorization` header and the response handling of auth objects
   * (a Digest challenge answer, a token refresh). Used on a redirect to another origin (requests'
   * `rebuild_auth`), so that an auth object only ever sees responses to requests it was applied to.
   */
  stripAuth(): void {
    this.headers.delete('Authorization')
    this.#responseAuth = undefined
    if (this.hooks.response.some((h) => AUTH_HOOKS.has(h))) {
      this.hooks = {
        request: this.hooks.request,
        response: this.hooks.response.filter((h) => !AUTH_HOOKS.has(h)),
      }
    }
  }

  /** Build the `Cookie` header from a jar (skipped when a Cookie header was given explicitly). */
  prepareCookies(cookies: CookiesInput | null | undefined, sameSiteContext?: SameSiteContext): void {
    this.cookieJar = cookies instanceof RequestsCookieJar ? cookies : new RequestsCookieJar(cookies)
    if (this.headers.has('cookie') || !this.url.startsWith('http')) return
    const header = this.cookieJar.cookieHeader(this.url, sameSiteContext)
    if (header) this.headers.set('Cookie', header)
  }

  /** Appends `hooks` to this request's. */
  prepareHooks(hooks: HooksInput | Hooks | null | undefined): void {
    if (!hooks || (isEmptyList(hooks.request) && isEmptyList(hooks.response))) return
    const h = toHooks(hooks)
    this.hooks.request.push(...h.request)
    this.hooks.response.push(...h.response)
  }

  /** Adds a response hook (requests' `register_hook`). */
  registerHook(event: 'response', hook: ResponseHook): void
  /** Adds a request hook, called right before the request is sent. */
  registerHook(event: 'request', hook: RequestHook): void
  registerHook(event: 'request' | 'response', hook: ResponseHook | RequestHook): void {
    ;(this.hooks[event] as Array<ResponseHook | RequestHook>).push(hook)
  }

  /** Whether the body can be sent again (bytes, text, in-memory multipart, Blob; not a consumed stream). */
  get rewindable(): boolean {
    return this.#rewind !== undefined || !this.bodyUsed
  }

  /** Make the body sendable again, or throw {@link UnrewindableBodyError} for a consumed one-shot stream. */
  rewindBody(): void {
    if (this.#rewind) {
      this.body = this.#rewind()
      this.bodyUsed = false
      return
    }
    if (this.bodyUsed) {
      throw new UnrewindableBodyError('Unable to rewind request body for redirect or retry', {
        request: this,
      })
    }
  }

  /** A copy sharing the body (requests' `copy`). */
  copy(): PreparedRequest {
    // Built without the empty headers and hooks that #adoptFrom would replace at once (a copy per redirect hop).
    PreparedRequest.#copying = true
    let p: PreparedRequest
    try {
      p = new PreparedRequest()
    } finally {
      PreparedRequest.#copying = false
    }
    p.#adoptFrom(this)
    return p
  }

  #adopt(other: PreparedRequest): void {
    this.#adoptFrom(other)
  }

  #adoptFrom(o: PreparedRequest): void {
    this.method = o.method
    this.url = o.url
    this.headers = o.headers.copy()
    this.body = o.body
    this.hooks = { request: [...o.hooks.request], response: [...o.hooks.response] }
    this.cookieJar = o.cookieJar?.copy()
    this.bodyUsed = o.bodyUsed
    this.#rewind = o.#rewind
    this.#urlAuth = o.#urlAuth
    this.#responseAuth = o.#responseAuth
  }

  /** `<PreparedRequest [METHOD]>`: no URL, headers or body in logs. */
  [inspect.custom](): string {
    return `<PreparedRequest [${this.method}]>`
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

function isEmptyList(hooks: unknown): boolean {
  return hooks === undefined || (Array.isArray(hooks) && hooks.length === 0)
}
