import { inspect } from 'node:util'
import { traceHop, traceSend, tracing } from '../tracing.js'
import { BoundedCache, checkOptionKeys, parseOptions, pickOptions } from '@x/pool'
import type { AuthInput } from '../auth/auth-base.js'
import { forgetMissingNetrc, netrcAuth } from '../auth/netrc.js'
import {
  type AdapterSendOptions,
  checkAdapterOptions,
  HTTPAdapter,
  type HTTPAdapterOptions,
} from '../adapters/http-adapter.js'
import { checkMaxResponseSize, type MaxResponseSizeInput } from '../adapters/response-size.js'
import { toTimeoutSpec, type TimeoutInput } from '../adapters/timeouts.js'
import type { CertInput, VerifyInput } from '../adapters/tls.js'
import { CaseInsensitiveDict } from '../case-insensitive-dict.js'
import { RequestsCookieJar } from '../cookies/cookie-jar.js'
import { InvalidSchema } from '../errors/invalid-schema.js'
import { URLRequired } from '../errors/url-required.js'
import { Timeout } from '../errors/timeout.js'
import {
  dispatchRequestHooks,
  dispatchResponseHooks,
  type HookContext,
  type Hooks,
  mergeHooks,
  toHooks,
} from '../hooks.js'
import { PreparedRequest } from '../models/prepared-request.js'
import { Request } from '../models/request.js'
import type { Response } from '../models/response.js'
import { toHeaderDict } from '../util/headers.js'
import type { Proxies } from '../util/proxies.js'
import { redactUrl } from '@x/pool'
import type { ParamsInput } from '../util/url.js'
import { resolveBaseUrl } from './base-url.js'
import { environmentProxies, environmentVerify, mergeHeaders, mergeParams } from './merge.js'
import {
  REQUEST_OPTION_KEYS,
  type RequestOptions,
  SEND_OPTION_KEYS,
  type SendOptions,
  type SessionOptions,
  sessionSchema,
} from './options.js'
import { getRedirectTarget } from './redirects.js'
import { prepareRedirect, resolveRedirects } from './resolve-redirects.js'
import { type Environment, readEnvironment } from './environment.js'
import { VERSION } from '../version.js'

declare module '../hooks.js' {
  interface HookModels {
    /** The type of `session` in a {@link HookContext}: {@link Session}. */
    session: Session
  }
}

let defaultHeadersTemplate: CaseInsensitiveDict<string> | undefined

/**
 * requests' `default_headers`: one dict, built on first use, shared by the sessions that never changed theirs. Never
 * handed out: a session copies it before anyone can write to it, and a prepared request copies what it is given.
 */
function defaultHeaders(): CaseInsensitiveDict<string> {
  defaultHeadersTemplate ??= new CaseInsensitiveDict({
    'User-Agent': `x-requests/${VERSION}`,
    'Accept-Encoding': 'gzip, deflate, br, zstd',
    Accept: '*/*',
  })
  return defaultHeadersTemplate
}

/** A plain `{}` with no keys: options that need no validation. */
function isEmptyPlainObject(value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  for (const _ in value) return false
  return true
}

/**
 * A session: persistent headers, cookies, auth, proxies and connection pools across requests (requests'
 * `Session`). Close it (or `await using`) to release its connections.
 *
 * @example
 * ```ts
 * await using s = new Session({ headers: { 'X-Client': 'demo' }, timeout: 5_000 })
 * await s.get(`${url}/cookies/set?flavor=oat`)
 * const r = await s.get(`${url}/cookies`)
 * r.json() // { cookies: { flavor: 'oat' } }
 * ```
 */
export class Session implements AsyncDisposable {
  /** The session's own headers; `undefined` while they are requests' defaults, unread (see {@link headers}). */
  #headers: CaseInsensitiveDict<string> | undefined
  #auth: AuthInput | null | undefined

  /**
   * Headers sent with every request (case-insensitive); starts with `User-Agent`, `Accept-Encoding` and
   * `Accept`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session
   */
  get headers(): CaseInsensitiveDict<string> {
    // Copied from the shared defaults when first read: a session that never reads its headers (every module-level
    // call) prepares its requests from the defaults themselves, which no one can change.
    this.#headers ??= defaultHeaders().copy()
    return this.#headers
  }

  /** Replaces the session's headers (requests' defaults are not added back). */
  set headers(headers: CaseInsensitiveDict<string>) {
    this.#headers = headers
  }

  /**
   * Default authentication of every request (an accessor: it stays out of `Object.keys`, JSON and logs);
   * `undefined` lets `.netrc` apply when `trustEnv`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session
   */
  get auth(): AuthInput | null | undefined {
    return this.#auth
  }

  /** Replaces the default authentication (`null`: none, and no `.netrc`; `undefined`: `.netrc` may apply). */
  set auth(auth: AuthInput | null | undefined) {
    this.#auth = auth
  }
  /** Query parameters added to every request. */
  params: ParamsInput | undefined
  /**
   * The session's cookie jar: cookies set by responses are stored here and sent with later requests.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session
   */
  cookies: RequestsCookieJar
  /**
   * Hooks run for every request, before a request's own.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#event-hooks
   */
  hooks: Hooks
  /**
   * Proxy URL per scheme or `scheme://host`, merged under a request's own and over the environment's.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#proxies
   */
  proxies: Proxies
  /**
   * TLS verification: `true` (default), `false`, or a CA bundle path.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification
   */
  verify: VerifyInput
  /** Client certificate: a PEM file path or `[certFile, keyFile]`. */
  cert: CertInput | undefined
  /**
   * Default timeout in ms (`undefined`: `DEFAULT_TIMEOUT`, `null`: none).
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#timeouts
   */
  timeout: TimeoutInput | undefined
  /** Redirects followed before `TooManyRedirects` is thrown. Default 30, as requests. */
  maxRedirects: number
  /**
   * Whether proxies, `NO_PROXY`, `REQUESTS_CA_BUNDLE` and `.netrc` are read from the environment. Default
   * `true`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session
   */
  trustEnv: boolean
  /** Default of the `stream` request option. Default `false`. */
  stream: boolean
  /** Prefix for relative URLs; absolute or protocol-relative URLs cannot escape it. */
  baseUrl: string | undefined
  /** Default `maxResponseSize` of the session's requests (see {@link SessionOptions.maxResponseSize}). */
  maxResponseSize: MaxResponseSizeInput | undefined
  /** Mounted adapters, longest prefix first; built by the first mount (a module-level call never mounts). */
  #adapters: Map<string, HTTPAdapter> | undefined
  /** Adapter per origin (at most 1024), built on the first lookup; see {@link #cacheable}. */
  #adapterCache: BoundedCache<string, HTTPAdapter> | undefined
  #environment: Environment | undefined
  /** Adapter lookups are cached per origin while every prefix is origin-level (`scheme://host/`). */
  #cacheable = true
  /** The last adapter found, and the `scheme://authority/` it serves (while {@link #cacheable}). */
  #lastOrigin = ''
  #lastAdapter: HTTPAdapter | undefined
  /** Options of the default adapters, built on first use (a session that only borrows adapters never builds them). */
  #defaultAdapters: HTTPAdapterOptions | undefined | false

  constructor(options: SessionOptions = {}) {
    // `new Session()` (and every module-level call) has nothing to validate: the schema walk is skipped.
    const o = isEmptyPlainObject(options) ? options : (parseOptions(sessionSchema, options) as SessionOptions)
    if (o.headers !== undefined) this.#headers = defaultHeaders().copy().update(toHeaderDict(o.headers))
    this.#auth = o.auth
    this.params = o.params
    this.cookies = o.cookies instanceof RequestsCookieJar ? o.cookies : new RequestsCookieJar(o.cookies)
    this.hooks = toHooks(o.hooks)
    this.proxies = { ...o.proxies }
    this.verify = o.verify ?? true
    this.cert = o.cert
    if (o.timeout !== undefined) toTimeoutSpec(o.timeout)
    this.timeout = o.timeout
    this.maxRedirects = o.maxRedirects ?? 30
    this.trustEnv = o.trustEnv ?? true
    this.stream = o.stream ?? false
    this.baseUrl = o.baseUrl
    this.maxResponseSize = o.maxResponseSize
    // Checked now, built on first use: bad adapter options still fail at construction.
    if (o.adapterOptions !== undefined) checkAdapterOptions(o.adapterOptions, 'options.adapterOptions')
    this.#defaultAdapters =
      o.dispatcher === undefined ? o.adapterOptions : { ...o.adapterOptions, dispatcher: o.dispatcher }
  }

  /** Mounts the default `https://` and `http://` adapters where no adapter was mounted for them yet. */
  #mountDefaults(): void {
    const options = this.#defaultAdapters
    if (options === false) return
    this.#defaultAdapters = false
    for (const prefix of ['https://', 'http://']) {
      if (!this.#adapters?.has(prefix)) this.mount(prefix, new HTTPAdapter(options))
    }
  }

  /**
   * The environment (`*_PROXY`, `NO_PROXY`, `REQUESTS_CA_BUNDLE`, `.netrc`), each part read when first needed while
   * `trustEnv` is on; `undefined` when `trustEnv` is off.
   */
  get environment(): Environment | undefined {
    if (!this.trustEnv) return undefined
    this.#environment ??= readEnvironment()
    return this.#environment
  }

  /** Read the environment again (after changing `process.env` or `.netrc`). */
  refreshEnvironment(): void {
    this.#environment = undefined
    forgetMissingNetrc()
  }

  /**
   * Send a request: build a {@link Request}, prepare it with the session settings, send it.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.request
   */
  request(method: string, url: string | URL, options: RequestOptions = {}): Promise<Response> {
    // Not an async function: without auth the request is prepared synchronously and handed to send() at once
    // (fewer promise hops per request). Errors still reject.
    try {
      return this.#request(method, url, options)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  #request(method: string, url: string | URL, options: RequestOptions): Promise<Response> {
    // A WHATWG URL object is taken as its href (issue 14); anything else but a string is no URL.
    if (url instanceof URL) url = url.href
    else if (typeof url !== 'string') throw new URLRequired('A URL is required to make a request')
    checkOptionKeys(options, REQUEST_OPTION_KEYS, 'options')
    const target = this.baseUrl ? resolveBaseUrl(this.baseUrl, url) : url
    const req = new Request(method, target, options)
    const sendOptions = pickOptions(options, SEND_OPTION_KEYS)
    // A subclass may override prepareRequest: then it is called, as before.
    const prep =
      this.prepareRequest === Session.prototype.prepareRequest ? this.#prepare(req) : this.prepareRequest(req)
    return prep instanceof PreparedRequest ? this.send(prep, sendOptions) : this.#sendAfter(prep, sendOptions)
  }

  async #sendAfter(prep: Promise<PreparedRequest>, options: SendOptions): Promise<Response> {
    const prepared = await prep
    // `return await`: resolving an async function with a promise costs more ticks than awaiting it.
    return await this.send(prepared, options)
  }

  /**
   * Sends a GET request (`session.request('GET', url, options)`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.get
   */
  get(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('GET', url, options)
  }
  /**
   * Sends an OPTIONS request.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.options
   */
  options(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('OPTIONS', url, options)
  }
  /**
   * HEAD does not follow redirects unless `allowRedirects: true`, as requests.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.head
   */
  head(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('HEAD', url, { allowRedirects: false, ...options })
  }
  /**
   * Sends a POST request; the body comes from `data`, `json` or `files`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.post
   */
  post(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('POST', url, options)
  }
  /**
   * Sends a PUT request; the body comes from `data`, `json` or `files`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.put
   */
  put(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('PUT', url, options)
  }
  /**
   * Sends a PATCH request; the body comes from `data`, `json` or `files`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.patch
   */
  patch(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('PATCH', url, options)
  }
  /**
   * Sends a DELETE request.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.delete
   */
  delete(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('DELETE', url, options)
  }

  /**
   * Prepare `request` with the session's headers, params, cookies, auth (or `.netrc`) and hooks merged in.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.prepare_request
   */
  prepareRequest(request: Request): Promise<PreparedRequest> {
    // Not an async function: prepare() already returns the promise (one hop less per request).
    try {
      return Promise.resolve(this.#prepare(request))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** Throws rather than rejects; a promise only when auth has to be applied. */
  #prepare(request: Request): PreparedRequest | Promise<PreparedRequest> {
    const cookies = request.cookies ? this.cookies.copy().update(request.cookies) : this.cookies
    let auth = request.auth === undefined ? this.auth : request.auth
    if (auth === undefined && this.trustEnv && request.url)
      auth = netrcAuth(this.environment?.netrc ?? null, request.url)
    return new PreparedRequest().prepareNow({
      method: request.method,
      url: request.url,
      files: request.files,
      data: request.data,
      json: request.json,
      headers: mergeHeaders(this.#headers ?? defaultHeaders(), request.headers),
      params: mergeParams(this.params, request.params),
      auth,
      cookies,
      hooks: mergeHooks(request.hooks, this.hooks),
    })
  }

  /**
   * Send a prepared request: request hooks, adapter, cookies, response hooks, then redirects.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.send
   */
  send(request: PreparedRequest, options: SendOptions = {}): Promise<Response> {
    // Not an async function (one hop less per request); invalid input still rejects rather than throws.
    let total: number | undefined
    try {
      if (!(request instanceof PreparedRequest)) throw new TypeError('You can only send PreparedRequests.')
      checkOptionKeys(options, SEND_OPTION_KEYS, 'options')
      checkMaxResponseSize(options.maxResponseSize, 'options.maxResponseSize')
      total = toTimeoutSpec(options.timeout === undefined ? this.timeout : options.timeout).total
    } catch (error) {
      return Promise.reject(error)
    }
    if (tracing()) return this.#sendTraced(total, request, options)
    return total === undefined ? this.#send(request, options) : this.#sendBefore(total, request, options)
  }

  /** {@link send} inside its tracing span. Its own method: a closure in `send` would cost every call a context. */
  #sendTraced(total: number | undefined, request: PreparedRequest, options: SendOptions): Promise<Response> {
    return traceSend(request, () =>
      total === undefined ? this.#send(request, options) : this.#sendBefore(total, request, options),
    )
  }

  /**
   * @internal A redirect hop: {@link send} without checking the options again (they are the first request's, already
   * checked) and inside the first request's total deadline. A subclass's own `send` and tracing still see each hop.
   */
  sendHop(request: PreparedRequest, options: SendOptions): Promise<Response> {
    if (this.send !== Session.prototype.send || tracing()) return this.send(request, options)
    return this.#send(request, options)
  }

  /** {@link send} with a total deadline: the request is aborted and {@link Timeout} raised when it passes. */
  async #sendBefore(total: number, request: PreparedRequest, options: SendOptions): Promise<Response> {
    const deadline = AbortSignal.timeout(total)
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline
    try {
      return await this.#send(request, { ...options, signal })
    } catch (error) {
      if (deadline.aborted && !options.signal?.aborted) {
        throw new Timeout(`The request exceeded its total timeout of ${total} ms`, {
          cause: error,
          request,
        })
      }
      throw error
    }
  }

  async #send(request: PreparedRequest, options: SendOptions): Promise<Response> {
    const prepared = request.hooks.request.length
      ? await dispatchRequestHooks(request.hooks.request, request)
      : request
    const environment = this.environment
    const adapterOptions = {
      stream: options.stream ?? this.stream,
      timeout: options.timeout === undefined ? this.timeout : options.timeout,
      verify: environmentVerify(options.verify ?? this.verify, environment, prepared.url),
      cert: options.cert ?? this.cert,
      proxies: environmentProxies(
        prepared.url,
        options.proxies ? { ...this.proxies, ...options.proxies } : this.proxies,
        environment,
      ),
      signal: options.signal,
      onUploadProgress: options.onUploadProgress,
      onDownloadProgress: options.onDownloadProgress,
      maxResponseSize: options.maxResponseSize === undefined ? this.maxResponseSize : options.maxResponseSize,
    }
    const adapter = this.getAdapter(prepared.url)
    let r = await (tracing()
      ? this.#sendHopTraced(request, prepared, adapter, adapterOptions)
      : adapter.send(prepared, adapterOptions))
    this.#extractCookies(r)
    // The auth's own response handling (a 401 challenge) runs first, and only when the auth wants this response.
    const auth = prepared.responseAuth
    const authWants = auth?.handleResponse !== undefined && auth.needsResponse?.(r) !== false
    if (authWants || prepared.hooks.response.length) {
      r = await this.#handleResponse(r, prepared, authWants, options.verify, adapterOptions)
    }
    if (r.loaded || !r.isRedirect) return r
    if (options.allowRedirects === false) {
      const location = getRedirectTarget(r)
      if (location !== undefined) {
        const next = prepareRedirect(this, r, r.request, location)
        r.next = next instanceof PreparedRequest ? next : await next
      }
      if (!adapterOptions.stream) await r.readContent()
      return r
    }
    const all = await resolveRedirects(this, r, options)
    return all[all.length - 1]!
  }

  /** One adapter send inside its hop span (its own method, for the reason given at {@link #sendTraced}). */
  #sendHopTraced(
    request: PreparedRequest,
    prepared: PreparedRequest,
    adapter: HTTPAdapter,
    adapterOptions: AdapterSendOptions,
  ): Promise<Response> {
    return traceHop(request, prepared, () => adapter.send(prepared, adapterOptions))
  }

  /**
   * The auth's response handling, then the response hooks. Kept out of #send: the closure it builds would make every
   * call of #send allocate a context for the variables it captures.
   */
  async #handleResponse(
    response: Response,
    prepared: PreparedRequest,
    authWants: boolean,
    verifyOption: SendOptions['verify'],
    adapterOptions: AdapterSendOptions,
  ): Promise<Response> {
    const environment = this.environment
    const context: HookContext = {
      session: this,
      send: async (p) => {
        // The CA bundle is only read for https: a hook may send to another URL than the first request's.
        const verify = environmentVerify(verifyOption ?? this.verify, environment, p.url)
        const out = await this.getAdapter(p.url).send(p, { ...adapterOptions, verify })
        this.#extractCookies(out)
        return out
      },
    }
    let r = response
    if (authWants) r = (await prepared.responseAuth!.handleResponse!(r, context)) ?? r
    if (prepared.hooks.response.length) r = await dispatchResponseHooks(prepared.hooks.response, r, context)
    return r
  }

  #extractCookies(r: Response): void {
    const setCookie = r.raw?.headers.getAll('set-cookie')
    if (setCookie?.length) this.cookies.extractCookies(setCookie, r.url)
  }

  /**
   * Register an adapter for a URL prefix; the longest matching prefix wins (requests' `mount`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.mount
   */
  mount(prefix: string, adapter: HTTPAdapter): void {
    const adapters = this.#adapters ?? new Map<string, HTTPAdapter>()
    this.#adapters = adapters
    adapters.set(prefix, adapter)
    const sorted = [...adapters].sort((a, b) => b[0].length - a[0].length)
    adapters.clear()
    for (const [k, v] of sorted) adapters.set(k, v)
    this.#adapterCache = undefined
    this.#lastAdapter = undefined
    this.#cacheable = [...adapters.keys()].every((p) => /^[a-z][a-z0-9+.-]*:\/\/[^/]*\/?$/i.test(p))
  }

  /**
   * The adapter for `url`, or {@link InvalidSchema} when no prefix matches.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.get_adapter
   */
  getAdapter(url: string): HTTPAdapter {
    // A session mostly calls one origin (a redirect chain too): with origin-level prefixes only, any URL under the
    // last `scheme://authority/` gets the last answer.
    if (this.#lastAdapter !== undefined && url.startsWith(this.#lastOrigin)) return this.#lastAdapter
    this.#mountDefaults()
    const slash = url.indexOf('/', url.indexOf('//') + 2)
    const origin = slash === -1 ? url : url.slice(0, slash + 1)
    const adapter = this.#findAdapter(url, origin)
    if (this.#cacheable && slash !== -1) {
      this.#lastOrigin = origin
      this.#lastAdapter = adapter
    }
    return adapter
  }

  #findAdapter(url: string, origin: string): HTTPAdapter {
    const cached = this.#cacheable ? this.#adapterCache?.get(origin) : undefined
    if (cached) return cached
    const lower = url.toLowerCase()
    for (const [prefix, adapter] of this.#adapters ?? []) {
      if (lower.startsWith(prefix.toLowerCase())) {
        if (this.#cacheable) {
          this.#adapterCache ??= new BoundedCache(1024)
          this.#adapterCache.set(origin, adapter)
        }
        return adapter
      }
    }
    throw new InvalidSchema(`No connection adapters were found for '${redactUrl(url)}'`)
  }

  /** The mounted adapters, longest prefix first. */
  get adapters(): ReadonlyMap<string, HTTPAdapter> {
    this.#mountDefaults()
    this.#adapters ??= new Map()
    return this.#adapters
  }

  /**
   * Close every adapter's pools.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Session.close
   */
  async close(): Promise<void> {
    await Promise.all([...new Set(this.#adapters?.values())].map((a) => a.close()))
  }

  /** Same as {@link Session.close}, for `await using s = new Session()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  /** `<Session adapters=[https://, http://]>`: no headers, auth or cookies in logs. */
  [inspect.custom](): string {
    return `<Session adapters=[${[...this.adapters.keys()].join(', ')}]>`
  }
}
