import { AssertionError } from 'node:assert'
import { type Dispatcher, MockAgent } from 'undici'
import { redactUrl } from '@x/pool'
import { UnregisteredCallError } from './unregistered-call-error.js'

/**
 * A canned response for {@link Responses.add}.
 *
 * @example
 * ```ts
 * const reply: MockResponse = { status: 201, json: { id: 7 }, headers: { location: '/users/7' } }
 * ```
 */
export interface MockResponse {
  /** Default 200. */
  status?: number
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown
  /** A raw body (ignored when `json` is given). */
  body?: string | Uint8Array
  /** Response headers; `Content-Type: application/json` is added for `json` unless set here. */
  headers?: Record<string, string | string[]>
}

/**
 * The fields a mocked OAuth 2.0 token endpoint answers with (RFC 6749 §5.1).
 *
 * @example
 * ```ts
 * const fields: MockTokenFields = { access_token: 'at-1', expires_in: 300 }
 * ```
 */
export interface MockTokenFields {
  /**
   * The access token (RFC 6749 §5.1).
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
   */
  access_token: string
  /** Default `'Bearer'`. */
  token_type?: string
  /** Lifetime of the access token, in seconds. */
  expires_in?: number
  /** A refresh token, if the grant issues one. */
  refresh_token?: string
  /** The granted scope, space-separated. */
  scope?: string
  /**
   * An OpenID Connect ID token (a JWT).
   * @see https://openid.net/specs/openid-connect-core-1_0.html#TokenResponse
   */
  id_token?: string
}

/**
 * A request a {@link Responses} mock received, in order (`responses.calls` in Python).
 *
 * @example
 * ```ts
 * mock.calls[0] // { method: 'GET', url: 'http://api.test/users', headers: { ... }, body: undefined }
 * ```
 */
export interface RecordedCall {
  /** The request method, as sent. */
  method: string
  /** The full URL requested, query included. */
  url: string
  /** Header names in lower case. */
  headers: Record<string, string>
  /** The body as text when it was a string or bytes; `undefined` for none or a stream. */
  body: string | undefined
  /** Whether a registered response answered it. */
  matched: boolean
}

interface Registration {
  method: string
  origin: string
  pathname: string
  /** Sorted query, or undefined to match any query. */
  query: string | undefined
  replies: MockResponse[]
  used: number
}

function splitUrl(url: string | URL): { origin: string; pathname: string; search: string } {
  const u = new URL(url)
  return { origin: u.origin, pathname: u.pathname, search: u.search }
}

function sortedQuery(search: string): string {
  const params = new URLSearchParams(search)
  params.sort()
  return params.toString()
}

function headerRecord(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers == null) return out
  const add = (name: string, value: unknown) => {
    const key = name.toLowerCase()
    const v = Array.isArray(value) ? value.join(', ') : String(value)
    out[key] = out[key] === undefined ? v : `${out[key]}, ${v}`
  }
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) add(String(headers[i]), headers[i + 1])
  } else if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of headers as Iterable<[string, unknown]>) add(name, value)
  } else {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) add(name, value)
  }
  return out
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8')
  return undefined
}

/**
 * What the Python `responses` library does for requests, on undici's `MockAgent`: register canned responses per
 * method and URL, hand {@link Responses.dispatcher} to a `PoolManager`, `Session`, `HTTPAdapter` or
 * `OAuth2Session` (option `dispatcher`), and everything above the socket still runs (retries, redirects,
 * cookies, auth, token renewal). A request nothing was registered for fails with {@link UnregisteredCallError};
 * {@link Responses.assertAllCalled} fails when a registered response was never used.
 *
 * Several registrations of one method and URL answer in order; the last one keeps answering. A URL registered
 * with a query matches only that query (in any order); without one, it matches any query.
 *
 * @example
 * ```ts
 * await using mock = new Responses()
 * mock.add('GET', 'http://api.test/users', { json: [{ id: 1 }] })
 * const s = new Session({ dispatcher: mock.dispatcher })
 * const r = await s.get('http://api.test/users')
 * r.json() // [{ id: 1 }]
 * mock.assertAllCalled()
 * ```
 */
export class Responses implements AsyncDisposable {
  /** The undici `MockAgent` underneath (network connections disabled). */
  readonly mockAgent: MockAgent
  /** The dispatcher to inject: the `MockAgent`, with unregistered calls refused first. */
  readonly dispatcher: Dispatcher
  readonly #registrations: Registration[] = []
  readonly #calls: RecordedCall[] = []

  constructor() {
    this.mockAgent = new MockAgent()
    this.mockAgent.disableNetConnect()
    this.dispatcher = this.mockAgent.compose((dispatch) => (options, handler) => {
      const origin = String(options.origin ?? '')
      const url = origin + options.path
      const registration = this.#match(options.method, url)
      this.#calls.push({
        method: options.method,
        url,
        headers: headerRecord(options.headers),
        body: bodyText(options.body),
        matched: registration !== undefined,
      })
      if (registration !== undefined) return dispatch(options, handler)
      const error = new UnregisteredCallError(
        `Connection refused by Responses: ${options.method} ${redactUrl(url)} matches no registered response` +
          ` (registered: ${this.#registered() || 'none'})`,
      )
      queueMicrotask(() => fail(handler, error))
      return true
    })
  }

  /** The requests received so far, matched or not. */
  get calls(): readonly RecordedCall[] {
    return this.#calls
  }

  /** Registers a canned response for `method` and `url` (`responses.add(method, url, ...)`). */
  add(method: string, url: string | URL, response: MockResponse = {}): this {
    const { origin, pathname, search } = splitUrl(url)
    const upper = method.toUpperCase()
    const query = search === '' ? undefined : sortedQuery(search)
    let registration = this.#registrations.find(
      (r) => r.method === upper && r.origin === origin && r.pathname === pathname && r.query === query,
    )
    if (registration === undefined) {
      registration = { method: upper, origin, pathname, query, replies: [], used: 0 }
      this.#registrations.push(registration)
      this.#intercept(registration)
    }
    registration.replies.push(response)
    return this
  }

  /** Registers an OAuth 2.0 token endpoint answer: `POST url` with the token fields as JSON (RFC 6749 §5.1). */
  token(url: string | URL, fields: MockTokenFields): this {
    return this.add('POST', url, {
      json: { token_type: 'Bearer', ...fields },
      headers: { 'cache-control': 'no-store' },
    })
  }

  /** Throws an `AssertionError` naming every registered response that was never used. */
  assertAllCalled(): void {
    const uncalled = this.#registrations.filter((r) => r.used < r.replies.length)
    if (uncalled.length === 0) return
    const list = uncalled.map((r) => `${describe(r)} (${r.used} of ${r.replies.length} used)`).join(', ')
    throw new AssertionError({ message: `Registered responses were not called: ${list}` })
  }

  /** Forgets every registration and recorded call. */
  reset(): void {
    this.#registrations.length = 0
    this.#calls.length = 0
  }

  /** Closes the underlying `MockAgent`. */
  async close(): Promise<void> {
    await this.mockAgent.close()
  }

  /** Same as {@link Responses.close}, for `await using mock = new Responses()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  #match(method: string, url: string): Registration | undefined {
    const { origin, pathname, search } = splitUrl(url)
    const query = sortedQuery(search)
    return this.#registrations.find(
      (r) =>
        r.method === method &&
        r.origin === origin &&
        r.pathname === pathname &&
        (r.query === undefined || r.query === query),
    )
  }

  #registered(): string {
    return this.#registrations.map(describe).join(', ')
  }

  /** One persistent MockAgent interceptor per registration; the reply is chosen when the call arrives. */
  #intercept(registration: Registration): void {
    this.mockAgent
      .get(registration.origin)
      .intercept({
        method: registration.method,
        path: (path: string) => this.#match(registration.method, registration.origin + path) === registration,
      })
      .reply(() => {
        const index = Math.min(registration.used, registration.replies.length - 1)
        registration.used++
        const reply = registration.replies[index]!
        const headers: Record<string, string | string[]> = { ...reply.headers }
        let data: string | Uint8Array = reply.body ?? ''
        if (reply.json !== undefined) {
          data = JSON.stringify(reply.json)
          headers['content-type'] ??= 'application/json'
        }
        return { statusCode: reply.status ?? 200, data: data as string, responseOptions: { headers } }
      })
      .persist()
  }
}

function describe(r: Registration): string {
  return `${r.method} ${redactUrl(r.origin + r.pathname + (r.query ? `?${r.query}` : ''))}`
}

/** Fails a dispatch with either handler API undici has had (onResponseError, or the older onError). */
function fail(handler: Dispatcher.DispatchHandler, error: Error): void {
  const h = handler as unknown as {
    onResponseError?: (c: null, e: Error) => void
    onError?: (e: Error) => void
  }
  if (typeof h.onResponseError === 'function') h.onResponseError(null, error)
  else h.onError?.(error)
}
