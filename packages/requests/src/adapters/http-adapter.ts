import { inspect } from 'node:util'
import {
  HTTPResponse,
  MaxRetryError,
  parseOptions,
  PoolManager,
  type PoolManagerOptions,
  ProxyManager,
  ResponseError,
  type PoolRequestOptions,
  Retry,
  type TlsOptions,
} from '@x/pool'
import { optionSchema as s } from '@x/pool'
import { basicAuthString } from '../auth/http-basic-auth.js'
import type { Body } from '../body/prepare-body.js'
import { InvalidURL } from '../errors/invalid-url.js'
import type { PreparedRequest } from '../models/prepared-request.js'
import { type Progress, REDIRECT_STATUSES, Response } from '../models/response.js'
import { type Proxies, selectProxy } from '../util/proxies.js'
import { assertMethod } from '../util/method.js'
import { redactUrl, redactUrlError } from '@x/pool'
import { assertNoControlChars } from '../util/url.js'
import { poolTimeout, type TimeoutInput, toTimeoutSpec } from './timeouts.js'
import { type CertInput, tlsKey, tlsOptions, type VerifyInput } from './tls.js'
import { checkMaxResponseSize, type MaxResponseSizeInput, responseLimit } from './response-size.js'
import { isContentEncoded, translatePoolError } from '../errors/translate-pool-error.js'

/**
 * Options of {@link HTTPAdapter} (requests' `HTTPAdapter` arguments).
 *
 * @example
 * ```ts
 * new HTTPAdapter({ poolConnections: 20, poolMaxsize: 50, maxRetries: 3, poolBlock: true })
 * ```
 */
export interface HTTPAdapterOptions {
  /** Number of per-origin pools to keep (urllib3 `num_pools`). Default 10. */
  poolConnections?: number | undefined
  /**
   * Connections kept open per origin. Default {@link DEFAULT_POOLSIZE} (100; requests: 10): every connection
   * opened is kept for reuse up to this bound.
   */
  poolMaxsize?: number | undefined
  /** Retries for connection failures (an `@x/pool` `Retry` for full control). Default 0, as requests. */
  maxRetries?: number | Retry | undefined
  /**
   * At `poolMaxsize` requests in flight to one origin, wait for a free connection (`true`, the default here) or
   * open extra connections that are closed after their response (`false`, requests' default). Waiting costs no
   * thread in Node, and never opens a connection only to discard it.
   */
  poolBlock?: boolean | undefined
  /** Negotiate HTTP/2 over TLS (ALPN), as `@x/pool`'s `allowH2`. Default false (HTTP/1.1, like requests). */
  allowH2?: boolean | undefined
  /** Connect through this Unix domain socket instead of TCP (`@x/pool`'s `socketPath`). */
  socketPath?: string | undefined
  /**
   * An undici dispatcher the adapter's pools send through instead of opening connections (undici's `MockAgent`
   * in tests; see `@x/requests/testing`). Retries, redirects, cookies and auth still run; the dispatcher is
   * yours to close.
   */
  dispatcher?: Dispatcher | undefined
}

/**
 * An undici `Dispatcher` (`MockAgent`, `Agent`, ...), as `@x/pool`'s `PoolManagerOptions.dispatcher` takes it.
 *
 * @example
 * ```ts
 * const mock: Dispatcher = new MockAgent()
 * new Session({ dispatcher: mock })
 * ```
 */
export type Dispatcher = NonNullable<PoolManagerOptions['dispatcher']>

/**
 * Default `poolMaxsize` of {@link HTTPAdapter} (requests: 10, with extra connections opened and closed per
 * request beyond it). aiohttp's default connector limit on an event loop is 100 too.
 *
 * @example
 * ```ts
 * new HTTPAdapter({ poolMaxsize: DEFAULT_POOLSIZE * 2 })
 * ```
 */
export const DEFAULT_POOLSIZE = 100

/**
 * What {@link HTTPAdapter.send} needs besides the request.
 *
 * @example
 * ```ts
 * await adapter.send(prepared, { timeout: 5_000, stream: false })
 * ```
 */
export interface AdapterSendOptions {
  /** `true`: return once the headers arrive, leaving the body unread. Default `false`. */
  stream?: boolean | undefined
  /**
   * Timeout in ms: a number, `[connect, read]`, `{ connect, read, total }` or `null` for none. Default {@link
   * DEFAULT_TIMEOUT}.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#timeouts
   */
  timeout?: TimeoutInput | undefined
  /** TLS verification: `true` (default), `false`, or a CA bundle path. */
  verify?: VerifyInput | undefined
  /** Client certificate: a PEM file path or `[certFile, keyFile]`. */
  cert?: CertInput | undefined
  /** Proxy URL per scheme or `scheme://host` (already merged with the session's and the environment's). */
  proxies?: Proxies | undefined
  /** Aborts the request at any stage; the promise rejects with `signal.reason`. */
  signal?: AbortSignal | undefined
  /** Called as the body is sent, with the bytes sent so far and the total when known; not after the response. */
  onUploadProgress?: ((progress: Progress) => void) | undefined
  /** Called as the body is received, with the bytes received so far and the total when known. */
  onDownloadProgress?: ((progress: Progress) => void) | undefined
  /**
   * Largest body, raw or decoded, in bytes; default `DEFAULT_MAX_RESPONSE_SIZE` (64 MiB) unless `stream` is true;
   * `null` for `@x/pool`'s default. Exceeding it raises `ContentDecodingError` (content-encoded body) or
   * `ConnectionError`, with the pool's `ResponseTooLargeError` as `cause`.
   */
  maxResponseSize?: MaxResponseSizeInput | undefined
}

const POSITIVE_INT = 'must be a positive integer'
const RETRIES = 'must be a non-negative integer or a Retry'
const schema = /* @__PURE__ */ s.lazy(() => {
  const positiveInt = s
    .number({ error: POSITIVE_INT })
    .check(s.int({ error: POSITIVE_INT }), s.positive({ error: POSITIVE_INT }))
  return s.strictObject(
    {
      poolConnections: s.optional(positiveInt),
      poolMaxsize: s.optional(positiveInt),
      maxRetries: s.optional(
        s.union(
          [
            s.number().check(s.int({ error: RETRIES }), s.gte(0, { error: RETRIES })),
            s.custom<Retry>((v) => v instanceof Retry),
          ],
          { error: RETRIES },
        ),
      ),
      poolBlock: s.optional(s.boolean({ error: 'must be a boolean' })),
      allowH2: s.optional(s.boolean({ error: 'must be a boolean' })),
      socketPath: s.optional(
        s.string({ error: 'must be a string' }).check(s.minLength(1, { error: 'must be a non-empty path' })),
      ),
      dispatcher: s.optional(
        s.custom<Dispatcher>((v) => typeof (v as Dispatcher | null)?.dispatch === 'function', {
          error: 'must be an undici Dispatcher (an object with a dispatch() method)',
        }),
      ),
    },
    { error: 'must be an object' },
  )
})

/** @internal Validates adapter options without building an adapter (a session builds its own on first use). */
export function checkAdapterOptions(options: HTTPAdapterOptions, root = 'options'): void {
  parseOptions(schema, options, root)
}

const UPLOAD_SLICE = 64 * 1024

/**
 * The transport adapter: owns an `@x/pool` `PoolManager` (and one `ProxyManager` per proxy URL), sends a
 * {@link PreparedRequest} without following redirects, and translates every pool error into the requests error
 * (keeping it as `cause`). Mount it on a session for a URL prefix.
 *
 * @example
 * ```ts
 * const s = new Session()
 * s.mount('http://127.0.0.1', new HTTPAdapter({ poolMaxsize: 50, maxRetries: 3 }))
 * ```
 */
export class HTTPAdapter {
  /**
   * The `@x/pool` manager that holds this adapter's connection pools (requests' `poolmanager`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.adapters.HTTPAdapter
   */
  readonly poolManager: PoolManager
  /**
   * The retry policy of every request through this adapter (requests' `max_retries`); by default
   * `Retry({ total: 0, read: false, redirect: false })`: redirects are the session's job.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.adapters.HTTPAdapter
   */
  readonly maxRetries: Retry
  readonly #options: Required<Omit<HTTPAdapterOptions, 'maxRetries' | 'socketPath' | 'dispatcher'>> & {
    socketPath: string | undefined
  }
  readonly #dispatcher: Dispatcher | undefined
  readonly #proxies = new Map<string, ProxyManager>()
  /** One manager per distinct TLS setting, built with it: the pool then keys it once, not per request. */
  readonly #tlsManagers = new Map<TlsOptions, PoolManager>()

  constructor(options: HTTPAdapterOptions = {}) {
    const o = parseOptions(schema, options)
    this.#options = {
      poolConnections: o.poolConnections ?? 10,
      poolMaxsize: o.poolMaxsize ?? DEFAULT_POOLSIZE,
      poolBlock: o.poolBlock ?? true,
      allowH2: o.allowH2 ?? false,
      socketPath: o.socketPath,
    }
    this.#dispatcher = o.dispatcher
    this.maxRetries =
      o.maxRetries instanceof Retry
        ? o.maxRetries
        : (o.maxRetries ?? 0) === 0
          ? // requests' DEFAULT_RETRIES: Retry(0, read=False)
            new Retry({ total: 0, read: false, redirect: false })
          : new Retry({ total: o.maxRetries!, redirect: false })
    this.poolManager = new PoolManager(this.#poolOptions())
  }

  #poolOptions(): PoolManagerOptions {
    const o = this.#options
    const options: PoolManagerOptions = {
      numPools: o.poolConnections,
      maxSize: o.poolMaxsize,
      block: o.poolBlock,
      retries: this.maxRetries,
      allowH2: o.allowH2,
    }
    if (o.socketPath !== undefined) options.socketPath = o.socketPath
    if (this.#dispatcher !== undefined) options.dispatcher = this.#dispatcher
    return options
  }

  /**
   * The `ProxyManager` for a proxy URL (credentials in it become `Proxy-Authorization` for the proxy only).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.adapters.HTTPAdapter.proxy_manager_for
   */
  proxyManagerFor(proxy: string, proxyAuthorization?: string, tls?: TlsOptions): ProxyManager {
    const key = `${proxy}\0${proxyAuthorization ?? ''}\0${tls ? tlsKey(tls) : ''}`
    let pm = this.#proxies.get(key)
    if (pm) return pm
    let u: URL
    try {
      u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`)
    } catch (cause) {
      throw new InvalidURL(`Please check proxy URL ${redactUrl(proxy)}: it is malformed`, {
        cause: redactUrlError(cause),
      })
    }
    if (!u.hostname) throw new InvalidURL(`Please check proxy URL ${redactUrl(proxy)}: it has no host`)
    const proxyHeaders: Record<string, string> = {}
    if (u.username || u.password) {
      proxyHeaders['proxy-authorization'] = basicAuthString(
        decodeURIComponent(u.username),
        decodeURIComponent(u.password),
      )
      u.username = ''
      u.password = ''
    }
    if (proxyAuthorization) proxyHeaders['proxy-authorization'] = proxyAuthorization
    pm = new ProxyManager(u.href, { ...this.#poolOptions(), proxyHeaders, ...(tls ? { tls } : {}) })
    this.#proxies.set(key, pm)
    return pm
  }

  /**
   * Send one request (no redirects) and wrap the pool response in a {@link Response}.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.adapters.HTTPAdapter.send
   */
  send(request: PreparedRequest, options: AdapterSendOptions = {}): Promise<Response> {
    // Not an async function: the request is prepared and handed to the pool here, and only the wait for its
    // answer (#receive) keeps a frame, a small one. Invalid input still rejects rather than throws.
    let upload: UploadProgress | undefined
    let pending: Promise<HTTPResponse>
    let start: number
    try {
      const url = request.url
      // Checked again here: auth objects and request hooks may have changed the prepared request.
      assertMethod(request.method, 'request.method')
      assertNoControlChars(url, 'URL', { request })
      checkMaxResponseSize(options.maxResponseSize, 'options.maxResponseSize')
      const limit = responseLimit(request.method, options.maxResponseSize, options.stream === true)
      const proxy = options.proxies ? selectProxy(new URL(url), options.proxies) : undefined
      const proxyAuth = request.headers.get('proxy-authorization')
      const headers =
        proxyAuth === undefined && !request.headers.has('transfer-encoding')
          ? request.headers.storedPairs()
          : originHeaders(request)
      // TLS settings only matter for https:// targets (plain http keeps the default manager).
      const tls = url.charCodeAt(4) === 115 /* 's' */ ? tlsOptions(options.verify, options.cert) : undefined
      const pm = proxy ? this.proxyManagerFor(proxy, proxyAuth, tls) : this.#managerFor(tls)
      const t = toTimeoutSpec(options.timeout)
      // Upload progress stops with the response: a server may answer before reading the whole body.
      upload = options.onUploadProgress ? { report: options.onUploadProgress, open: true } : undefined
      const poolOptions: PoolRequestOptions = {
        body: this.#body(request, upload),
        headers,
        redirect: false,
        retries: this.maxRetries,
        timeout: poolTimeout(t.connect, t.read),
        // The body is read here rather than preloaded by the pool, so that a failure while reading it is told
        // apart from a failure before the response (ChunkedEncodingError vs ConnectionError, as in requests).
        preloadContent: false,
      }
      if (limit !== undefined) poolOptions.maxResponseSize = limit
      if (options.signal) poolOptions.signal = options.signal
      start = performance.now()
      pending = pm.request(request.method, url, poolOptions)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#receive(request, options, pending, upload, start)
  }

  /** The second half of {@link send}: the pool's answer, its body (unless streamed) and the {@link Response}. */
  async #receive(
    request: PreparedRequest,
    options: AdapterSendOptions,
    pending: Promise<HTTPResponse>,
    upload: UploadProgress | undefined,
    start: number,
  ): Promise<Response> {
    let raw: HTTPResponse
    try {
      raw = await pending
    } catch (error) {
      throw translatePoolError(error, 'send', request, this.#lastResponse(error, request))
    } finally {
      if (upload) upload.open = false
    }
    const elapsed = performance.now() - start
    let content: Uint8Array | undefined
    // Redirect bodies are drained (not decoded) by the session, as requests does.
    const stream = options.stream === true || options.onDownloadProgress !== undefined
    if (!stream && !(REDIRECT_STATUSES.has(raw.status) && raw.headers.has('location'))) {
      try {
        content = await raw.read()
      } catch (error) {
        raw.close()
        throw translatePoolError(error, 'body', request, undefined, isContentEncoded(raw.headers))
      }
    }
    const response = this.buildResponse(request, raw, content)
    response.elapsed = elapsed
    if (options.onDownloadProgress) {
      response.onDownloadProgress = options.onDownloadProgress
      if (!options.stream) await response.readContent()
    }
    return response
  }

  /** The response whose status exhausted the retries (a RetryError carries it; its body was drained). */
  #lastResponse(error: unknown, request: PreparedRequest): Response | undefined {
    const reason = error instanceof MaxRetryError ? error.reason : undefined
    const last = reason instanceof ResponseError ? reason.response : undefined
    return last instanceof HTTPResponse ? this.buildResponse(request, last, new Uint8Array(0)) : undefined
  }

  #managerFor(tls: TlsOptions | undefined): PoolManager {
    if (!tls) return this.poolManager
    let pm = this.#tlsManagers.get(tls)
    if (!pm) {
      pm = new PoolManager({ ...this.#poolOptions(), tls })
      this.#tlsManagers.set(tls, pm)
    }
    return pm
  }

  /**
   * requests' `build_response`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.adapters.HTTPAdapter.build_response
   */
  buildResponse(request: PreparedRequest, raw: HTTPResponse, content: Uint8Array | undefined): Response {
    const response = new Response(raw, content)
    response.url = request.url
    response.request = request
    return response
  }

  #body(request: PreparedRequest, onProgress: UploadProgress | undefined): Body {
    const body = request.body
    if (body === null || body === undefined) return body
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      if (request.bodyUsed) request.rewindBody()
      request.bodyUsed = true
    }
    if (!onProgress) return body
    const total = Number(request.headers.get('content-length')) || undefined
    return withProgress(body, total, onProgress)
  }

  /**
   * Close every pool (idle connections are closed; in-flight requests finish).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.adapters.HTTPAdapter.close
   */
  async close(): Promise<void> {
    const all = [this.poolManager, ...this.#proxies.values(), ...this.#tlsManagers.values()]
    this.#proxies.clear()
    this.#tlsManagers.clear()
    await Promise.all(all.map((pm) => pm.close()))
  }

  /** `<HTTPAdapter poolMaxsize=… poolBlock=…>`. */
  [inspect.custom](): string {
    return `<HTTPAdapter poolMaxsize=${this.#options.poolMaxsize} poolBlock=${this.#options.poolBlock}>`
  }
}

/** The `onUploadProgress` of one send, open until its response arrives (or the request fails). */
interface UploadProgress {
  readonly report: (progress: Progress) => void
  open: boolean
}

async function* withProgress(
  body: string | Uint8Array | AsyncIterable<Uint8Array>,
  total: number | undefined,
  progress: UploadProgress,
): AsyncGenerator<Uint8Array> {
  let loaded = 0
  const src = typeof body === 'string' ? Buffer.from(body) : body
  if (src instanceof Uint8Array) {
    for (let i = 0; i < src.byteLength; i += UPLOAD_SLICE) {
      const part = src.subarray(i, i + UPLOAD_SLICE)
      loaded += part.byteLength
      if (progress.open) progress.report({ loaded, total })
      yield part
    }
    return
  }
  for await (const chunk of src) {
    loaded += chunk.byteLength
    if (progress.open) progress.report({ loaded, total })
    yield chunk
  }
}

/**
 * The headers for the origin: proxy credentials go to the proxy only (also through CONNECT tunnels), never to the
 * origin; chunked framing is undici's to apply. The request's own headers are left untouched.
 */
function originHeaders(request: PreparedRequest): ReadonlyArray<readonly [string, string]> {
  const h = request.headers.copy()
  h.delete('proxy-authorization')
  h.delete('transfer-encoding')
  return h.storedPairs()
}
