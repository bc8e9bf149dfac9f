import { inspect } from 'node:util'
import { redactUrl } from '@x/pool'
import { translatePoolError } from '../errors/translate-pool-error.js'
import { CaseInsensitiveDict } from '../case-insensitive-dict.js'
import { RequestsCookieJar } from '../cookies/cookie-jar.js'
import { HTTPError } from '../errors/http-error.js'
import { InvalidJSONError } from '../errors/invalid-json-error.js'
import { JSONDecodeError } from '../errors/json-decode-error.js'
import { RequestException } from '../errors/request-exception.js'
import { StreamConsumedError } from '../errors/stream-consumed-error.js'
import {
  concatChunks,
  decodeText,
  encodingFromContentType,
  guessEncoding,
  guessJsonUtf,
  type Link,
  parseHeaderLinks,
} from '../util/content.js'
import { pythonJsonMessage } from '../util/json-error.js'
import { type StandardSchemaV1, validateJson } from '../util/standard-schema.js'
import { decodeStream, iterLines, type IterLinesOptions, slices } from './body-iteration.js'
import type { IterContentOptions, Progress, RawResponse } from './response-types.js'

export type { IterContentOptions, Progress, RawResponse }
import { PreparedRequest } from './prepared-request.js'

declare module '../hooks.js' {
  interface HookModels {
    /** The type hooks and auth objects get as `response`: {@link Response}. */
    response: Response
  }
}

declare module '../errors/request-exception.js' {
  interface RequestExceptionModels {
    /** The type of `response` on errors: {@link Response}. */
    response: Response
  }
}

/** @internal The statuses that redirect (requests' `REDIRECT_STATI`). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])
/** Runs once the body is fully read or the response closed (module functions close their session). */

/**
 * An HTTP response (requests' `Response`). Without `stream: true` the body is already read and
 * `content`/`text`/`json()` are synchronous; with `stream: true` it is read by `iterContent`/`iterLines` or
 * `await readContent()`.
 *
 * @example
 * ```ts
 * const r = await requests.get(`${url}/json`)
 * r               // <Response [200]>
 * r.statusCode    // 200
 * r.json()        // { ... }
 * r.raiseForStatus()
 * ```
 */
export class Response {
  /**
   * The HTTP status code (requests' `status_code`); 0 for a response built without a raw one.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Response
   */
  statusCode = 0
  /**
   * The reason phrase, e.g. `'Not Found'`.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Response
   */
  reason = ''
  /** Final URL (after redirects), without credentials. */
  url = ''
  #history: Response[] | undefined
  /** Milliseconds from sending the request to receiving the response head. */
  elapsed = 0
  #request: PreparedRequest | undefined
  /** For `allowRedirects: false`: the request the redirect would send next. */
  next: PreparedRequest | undefined = undefined
  /** Called with each chunk while the body streams in. */
  onDownloadProgress: ((progress: Progress) => void) | undefined = undefined
  #raw: RawResponse | undefined
  #headers: CaseInsensitiveDict<string> | undefined
  #cookies: RequestsCookieJar | undefined
  #encoding: string | undefined | null = null
  #content: Uint8Array | undefined
  #consumed = false

  constructor(raw?: RawResponse, content?: Uint8Array) {
    this.#raw = raw
    if (raw) {
      this.statusCode = raw.status
      this.reason = raw.reason
      this.url = raw.url
    }
    if (content) {
      this.#content = content
      this.#consumed = true
    }
  }

  /** Responses of the redirects (and auth challenges) that led here, oldest first (built on first use). */
  get history(): Response[] {
    this.#history ??= []
    return this.#history
  }
  /** Sets the responses that led here. */
  set history(value: Response[]) {
    this.#history = value
  }

  /** The request this responds to (an empty one until set; built on first use, not per response). */
  get request(): PreparedRequest {
    this.#request ??= new PreparedRequest()
    return this.#request
  }
  /** Sets the request this responds to. */
  set request(request: PreparedRequest) {
    this.#request = request
  }

  /** The `@x/pool` response this wraps (requests' `raw`). */
  get raw(): RawResponse | undefined {
    return this.#raw
  }

  /** Sets the wrapped `@x/pool` response. */
  set raw(value: RawResponse | undefined) {
    this.#raw = value
  }

  /** Case-insensitive headers (multiple values joined with `, `). */
  get headers(): CaseInsensitiveDict<string> {
    if (!this.#headers) {
      const h = new CaseInsensitiveDict<string>()
      for (const [k, v] of this.raw?.headers ?? []) {
        const prev = h.get(k)
        h.set(k, prev === undefined ? v : `${prev}, ${v}`)
      }
      this.#headers = h
    }
    return this.#headers
  }

  /** Replaces the headers. */
  set headers(value: CaseInsensitiveDict<string>) {
    this.#headers = value
  }

  /** Cookies set by this response (its `Set-Cookie` headers, checked against its URL). */
  get cookies(): RequestsCookieJar {
    if (!this.#cookies) {
      this.#cookies = new RequestsCookieJar()
      const setCookie = this.raw?.headers.getAll('set-cookie')
      if (setCookie?.length && this.url) this.#cookies.extractCookies(setCookie, this.url)
    }
    return this.#cookies
  }

  /** Replaces the cookies. */
  set cookies(value: RequestsCookieJar) {
    this.#cookies = value
  }

  /** `true` when the status is below 400. */
  get ok(): boolean {
    return this.statusCode < 400
  }

  /**
   * @internal One header's value (repeated values joined with `, `, as {@link headers}), read from the raw
   * response until `headers` is built or replaced: a redirect hop needs `Location` and nothing else.
   */
  header(name: string): string | undefined {
    return this.#headers ? this.#headers.get(name) : this.#raw?.headers.get(name)
  }

  /** A redirect that `allowRedirects` would follow. */
  get isRedirect(): boolean {
    return REDIRECT_STATUSES.has(this.statusCode) && this.header('location') !== undefined
  }

  /**
   * `true` for a 301 or 308 with a `Location` header.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.Response
   */
  get isPermanentRedirect(): boolean {
    return (this.statusCode === 301 || this.statusCode === 308) && this.header('location') !== undefined
  }

  /** Charset from Content-Type (ISO-8859-1 for text/*, utf-8 for JSON, as requests); settable. */
  get encoding(): string | undefined {
    if (this.#encoding === null) {
      this.#encoding = encodingFromContentType(this.header('content-type'))
    }
    return this.#encoding
  }

  /** Overrides the charset used by `text` (as setting requests' `encoding`). */
  set encoding(value: string | undefined) {
    this.#encoding = value
  }

  /**
   * The encoding guessed from the bytes, as requests' `apparent_encoding`: a BOM, `ascii` or `utf-8` when the
   * bytes are valid as such, else what the `chardet` package detects (loaded on first use), else ISO-8859-1.
   */
  get apparentEncoding(): string {
    return guessEncoding(this.content)
  }

  /** The body bytes. Throws for a `stream: true` response that has not been read yet. */
  get content(): Uint8Array {
    if (this.#content) return this.#content
    if (this.#consumed) throw new StreamConsumedError('The content for this response was already consumed')
    throw new RequestException(
      'The body of a streamed response has not been read: use await response.readContent() or iterContent()',
    )
  }

  /** The body decoded with `encoding`, or the apparent encoding when none is known. */
  get text(): string {
    const bytes = this.content
    if (bytes.byteLength === 0) return ''
    return decodeText(bytes, this.encoding ?? guessEncoding(bytes))
  }

  /**
   * Parse the body as JSON; with a schema (any Standard Schema: zod, zod/mini, valibot, arktype...), validate
   * it and return the schema's typed output, or throw {@link InvalidJSONError}.
   */
  json<T = unknown>(): T
  json<S extends StandardSchemaV1>(schema: S): StandardSchemaV1.InferOutput<S>
  json(schema?: StandardSchemaV1): unknown {
    const bytes = this.content
    const enc = this.encoding === undefined ? guessJsonUtf(bytes) : undefined
    let data: unknown
    const text = enc ? decodeText(bytes, enc) : this.text
    try {
      data = JSON.parse(text)
    } catch (cause) {
      throw new JSONDecodeError(pythonJsonMessage(text), { cause, response: this })
    }
    return schema === undefined ? data : validateJson(schema, data, this)
  }

  /** Parsed `Link` header, keyed by `rel` (or URL), as requests' `links`. */
  get links(): Record<string, Link> {
    const out: Record<string, Link> = {}
    const header = this.headers.get('link')
    if (header) for (const l of parseHeaderLinks(header)) out[l.rel ?? l.url] = l
    return out
  }

  /** Throw {@link HTTPError} (with this response attached) for a 4xx or 5xx status. */
  raiseForStatus(): void {
    const kind = this.statusCode >= 500 ? 'Server' : this.statusCode >= 400 ? 'Client' : undefined
    if (!kind || this.statusCode >= 600) return
    throw new HTTPError(`${this.statusCode} ${kind} Error: ${this.reason} for url: ${redactUrl(this.url)}`, {
      response: this,
    })
  }

  /** Read the whole body (for `stream: true` responses); cached, so `content`/`text`/`json` work afterwards. */
  readContent(): Promise<Uint8Array> {
    // Not an async function itself: a body already read costs no frame, and each path has its own (small) one.
    if (this.#content) return Promise.resolve(this.#content)
    const raw = this.raw
    if (raw?.read !== undefined && !this.#consumed && this.onDownloadProgress === undefined) {
      // Nobody watches the chunks: the pool reads the whole body in one call (no async generator per chunk).
      this.#consumed = true
      let reading: Promise<Uint8Array>
      try {
        reading = raw.read()
      } catch (error) {
        return Promise.reject(translatePoolError(error, 'body', this.request, this))
      }
      return this.#readRaw(reading)
    }
    return this.#readChunks()
  }

  async #readRaw(reading: Promise<Uint8Array>): Promise<Uint8Array> {
    try {
      this.#content = await reading
    } catch (error) {
      throw translatePoolError(error, 'body', this.request, this)
    }
    return this.#content
  }

  async #readChunks(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = []
    let total = 0
    for await (const c of this.iterContent()) {
      chunks.push(c)
      total += c.byteLength
    }
    this.#content = concatChunks(chunks, total)
    return this.#content
  }

  /** Iterate over the body. Throws {@link StreamConsumedError} if the stream was already read. */
  iterContent(options?: IterContentOptions & { decodeUnicode?: false }): AsyncIterable<Uint8Array>
  iterContent(options: IterContentOptions & { decodeUnicode: true }): AsyncIterable<string>
  iterContent(options: IterContentOptions = {}): AsyncIterable<Uint8Array | string> {
    if (this.#consumed && !this.#content)
      throw new StreamConsumedError('The response body was already consumed')
    const bytes = this.#content
      ? slices(this.#content, options.chunkSize)
      : this.#streamRaw(options.chunkSize)
    this.#consumed = true
    return options.decodeUnicode ? decodeStream(bytes, this.encoding ?? 'utf-8') : bytes
  }

  /** Iterate over the body line by line (requests' `iter_lines`). */
  iterLines(options?: IterLinesOptions & { decodeUnicode?: false }): AsyncIterable<Uint8Array>
  iterLines(options: IterLinesOptions & { decodeUnicode: true }): AsyncIterable<string>
  iterLines(options: IterLinesOptions = {}): AsyncIterable<Uint8Array | string> {
    const chunks = this.iterContent(options.chunkSize ? { chunkSize: options.chunkSize } : {})
    return iterLines(chunks, options, this.encoding ?? 'utf-8')
  }

  async *#streamRaw(chunkSize: number | undefined): AsyncGenerator<Uint8Array> {
    const raw = this.raw
    if (!raw) return
    const total = Number(this.header('content-length')) || undefined
    let loaded = 0
    try {
      for await (const chunk of raw.stream(chunkSize)) {
        loaded += chunk.byteLength
        this.onDownloadProgress?.({ loaded, total })
        yield chunk
      }
    } catch (error) {
      throw translatePoolError(error, 'body', this.request, this)
    }
  }

  /** Whether the body is in memory (`content` can be read synchronously). */
  get loaded(): boolean {
    return this.#content !== undefined
  }

  /** Read and discard an unread body so the connection can be reused (broken bodies are ignored). */
  drain(): Promise<void> {
    // Not an async function: a redirect hop drains one body, mostly one that already ended.
    if (this.#content || this.#consumed) return Promise.resolve()
    this.#consumed = true
    return this.raw?.drainConn() ?? Promise.resolve()
  }

  /** Release the connection (closing it when the body was not fully read). */
  close(): void {
    if (!this.#content && this.raw) {
      if (this.#consumed) this.raw.releaseConn()
      else this.raw.close()
    }
    this.#consumed = true
  }

  /**
   * `using r = await s.get(url, { stream: true })` closes the response at the end of the block (requests'
   * `with requests.get(url, stream=True) as r:`), releasing or closing its connection.
   */
  [Symbol.dispose](): void {
    this.close()
  }

  /** `<Response [200]>`, as Python's `repr(response)`. */
  [inspect.custom](): string {
    return this.toString()
  }

  /** `<Response [200]>`, as Python's `repr(response)` (and `String(response)`, template literals). */
  toString(): string {
    return `<Response [${this.statusCode}]>`
  }

  /**
   * `for await (const chunk of response)`: the body in chunks as they arrive, like `iterContent()` (Python's
   * `for chunk in response`, which iterates `iter_content(128)`; here chunks keep the size they arrive with).
   */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.iterContent()[Symbol.asyncIterator]()
  }
}
