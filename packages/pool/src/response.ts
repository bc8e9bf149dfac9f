import type { BodyQueue } from './body-queue.js'
import { DecodeError } from './errors/decode-error.js'
import { PoolError } from './errors/pool-error.js'
import { HTTPHeaderDict, type PoolHeadersInput } from './header-dict.js'
import type { Retry } from './retry.js'

// Not `import { STATUS_CODES } from 'node:http'`: an ESM import of node:http builds its namespace, whose lazy
// WebSocket/MessageEvent exports load Node's own bundled undici (~20 ms of CPU at import, issue 11).
const { STATUS_CODES } = process.getBuiltinModule('node:http')

/**
 * Fields of a response built by hand (tests, adapters).
 *
 * @example
 * ```ts
 * const fake = new HTTPResponse({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('hi') })
 * fake.text() // 'hi'
 * ```
 */
export interface HTTPResponseInit {
  /** The status code. */
  status: number
  /** The reason phrase; default Node's for `status` (`'OK'` for 200). */
  reason?: string
  /** The response headers. */
  headers?: PoolHeadersInput
  /** The whole body, already read. */
  body?: Uint8Array
  /** The URL the response came from. Default `''`. */
  url?: string
  /** The HTTP version, `'1.1'` (default) or `'2'`. */
  version?: string
  /** The `Retry` state after the request, with its `history`. */
  retries?: Retry
}

type RawHeaders = Buffer[] | Record<string, string | string[] | undefined>

/** @internal The statuses that redirect (urllib3's `HTTPResponse.REDIRECT_STATUSES`). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

const EMPTY = new Uint8Array(0)
const decoder = new TextDecoder()

// Streaming bodies left unread and unreferenced must not pin a paused socket forever: abort them on GC.
const unread = new FinalizationRegistry<BodyQueue>((queue) => {
  queue.abort(new PoolError('HTTPResponse was garbage collected before its body was read'))
})

/**
 * A response, like urllib3's `HTTPResponse`. With `preloadContent: true` (the default) the whole body is in
 * `data`; with `preloadContent: false` read it with `stream()` or `read()`, then the connection goes back to
 * the pool. `releaseConn()`/`close()` on an unread body destroy the connection instead of reusing it.
 *
 * @example
 * ```ts
 * const resp = await pm.request('GET', `${base}/stream-bytes/100000`, { preloadContent: false })
 * let total = 0
 * for await (const chunk of resp.stream(16 * 1024)) total += chunk.length
 * resp.status // 200
 * ```
 */
export class HTTPResponse {
  /**
   * The status code (urllib3's `status`).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.response.html
   */
  readonly status: number
  /** The reason phrase sent by the server, or Node's for the status (HTTP/2 sends none). */
  readonly reason: string
  /** The HTTP version: `'1.1'` or `'2'`. */
  readonly version: string
  #headers: HTTPHeaderDict | undefined
  #raw: RawHeaders | undefined
  #url: string
  #retries: Retry | undefined
  #body: Uint8Array | undefined
  #queue: BodyQueue | undefined
  #leftover: Buffer | undefined

  /** @internal Builds a response from undici's head and the body (the pool's construction path). */
  static fromWire(
    status: number,
    reason: string,
    raw: RawHeaders,
    body: Uint8Array | BodyQueue,
    url: string,
  ): HTTPResponse {
    const response = new HTTPResponse({ status, reason, url, version: Array.isArray(raw) ? '1.1' : '2' })
    response.#raw = raw
    if (body instanceof Uint8Array) response.#body = body
    else response.#queue = body
    return response
  }

  /** @internal Aborts the body if the response is garbage collected before the body was read. */
  static watchUnread(response: HTTPResponse): void {
    const queue = response.#queue
    // A body that already ended holds no socket: only unfinished ones need the (GC-costly) registry.
    if (queue !== undefined && !queue.done) unread.register(response, queue, queue)
  }

  /** @internal Whether the body is still on its connection (streamed, not fully read): `drainConn()` has work. */
  static holdsConnection(response: HTTPResponse): boolean {
    return response.#queue !== undefined
  }

  /** @internal Runs `callback` once the body transfer ended, failed or was released (at once when preloaded). */
  static whenBodyDone(response: HTTPResponse, callback: () => void): void {
    const queue = response.#queue
    if (queue === undefined) callback()
    else queue.whenDone(callback)
  }

  /** @internal The final URL and the Retry that led to it, set once the request is done. */
  static setMeta(response: HTTPResponse, url: string, retries: Retry): void {
    response.#url = url
    response.#retries = retries
  }

  constructor(init: HTTPResponseInit) {
    this.status = init.status
    this.reason = init.reason || STATUS_CODES[init.status] || ''
    this.version = init.version ?? '1.1'
    this.#url = init.url ?? ''
    this.#retries = init.retries
    this.#body = init.body
    if (init.headers !== undefined) this.#headers = new HTTPHeaderDict(init.headers)
  }

  /** Response headers (case-insensitive, multi-valued). */
  get headers(): HTTPHeaderDict {
    if (this.#headers === undefined) {
      const raw = this.#raw
      this.#headers =
        raw === undefined
          ? new HTTPHeaderDict()
          : Array.isArray(raw)
            ? HTTPHeaderDict.fromRaw(raw)
            : HTTPHeaderDict.fromObject(raw)
      this.#raw = undefined
    }
    return this.#headers
  }

  /** The final URL (after redirects), without credentials. */
  get url(): string {
    return this.#url
  }

  /** The `Retry` state after this request; `history` lists retried attempts and redirects. */
  get retries(): Retry | undefined {
    return this.#retries
  }

  /** The preloaded body (empty when `preloadContent` was false). */
  get data(): Uint8Array {
    return this.#body ?? EMPTY
  }

  /** The preloaded body as text (UTF-8 unless another encoding Node knows is given). */
  text(encoding = 'utf-8'): string {
    const body = this.data
    if (encoding === 'utf-8' || encoding === 'utf8') return decoder.decode(body)
    return new TextDecoder(encoding).decode(body)
  }

  /** Parses the preloaded body as JSON; throws `DecodeError` (cause: the `SyntaxError`). */
  json<T = unknown>(): T {
    try {
      return JSON.parse(this.text()) as T
    } catch (cause) {
      throw new DecodeError('Response body is not valid JSON', { cause })
    }
  }

  /** The redirect target for 301/302/303/307/308 with a `Location`, else `false` (urllib3's rule). */
  getRedirectLocation(): string | false {
    if (!REDIRECT_STATUSES.has(this.status)) return false
    // The dict reads Location off undici's raw list without building its entries, and answers a repeated ask (a hop
    // asks several times) with the same string.
    return this.headers.get('location') || false
  }

  /** Whether the body is fully read (always true for preloaded responses). */
  get complete(): boolean {
    return this.#queue === undefined || (this.#queue.ended && this.#queue.buffered === 0 && !this.#leftover)
  }

  /**
   * Reads up to `amount` bytes (all remaining bytes when omitted); an empty array at the end. For a preloaded
   * response, reads from `data`.
   */
  read(amount?: number): Promise<Uint8Array> {
    const queue = this.#queue
    if (queue === undefined) {
      const body = this.#body ?? EMPTY
      const chunk = amount === undefined ? body : body.subarray(0, amount)
      this.#body = body.subarray(chunk.length)
      return Promise.resolve(chunk)
    }
    // A body that already ended (most small ones by the time they are read) is handed over without an await.
    if (amount === undefined && this.#leftover === undefined) {
      const rest = queue.takeAll()
      if (rest !== undefined) {
        unread.unregister(queue)
        return Promise.resolve(rest.length === 1 ? rest[0]! : Buffer.concat(rest))
      }
    }
    return this.#readQueue(queue, amount)
  }

  async #readQueue(queue: BodyQueue, amount: number | undefined): Promise<Uint8Array> {
    const parts: Buffer[] = []
    let size = 0
    while (amount === undefined || size < amount) {
      const chunk = this.#leftover ?? (await this.#next(queue))
      this.#leftover = undefined
      if (chunk === null) break
      if (amount !== undefined && size + chunk.length > amount) {
        this.#leftover = chunk.subarray(amount - size)
        parts.push(chunk.subarray(0, amount - size))
        size = amount
        break
      }
      parts.push(chunk)
      size += chunk.length
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)
  }

  async #next(queue: BodyQueue): Promise<Buffer | null> {
    const chunk = await queue.next()
    if (chunk === null) unread.unregister(queue)
    return chunk
  }

  /**
   * Yields the (decoded) body in chunks of at most `chunkSize` bytes, or as they arrive when omitted. Throws
   * `DecodeError`, `ProtocolError`/`IncompleteRead`, `ReadTimeoutError` or `TimeoutError` on a broken transfer.
   */
  async *stream(chunkSize?: number): AsyncGenerator<Uint8Array, void, undefined> {
    if (this.#queue === undefined) {
      const body = this.#body ?? EMPTY
      this.#body = EMPTY
      const step = chunkSize ?? (body.length || 1)
      for (let i = 0; i < body.length; i += step) yield body.subarray(i, i + step)
      return
    }
    if (chunkSize !== undefined) {
      for (;;) {
        const chunk = await this.read(chunkSize)
        if (chunk.length === 0) return
        yield chunk
      }
    }
    // Chunks as they arrive: never gather them (a read() of "everything" would buffer the whole body and
    // defeat the queue's backpressure).
    const queue = this.#queue
    for (;;) {
      const chunk = this.#leftover ?? (await this.#next(queue))
      this.#leftover = undefined
      if (chunk === null) return
      if (chunk.length > 0) yield chunk
    }
  }

  /** Reads and discards the rest of the body so the connection can be reused. */
  drainConn(): Promise<void> {
    const queue = this.#queue
    if (queue === undefined) return Promise.resolve()
    this.#leftover = undefined
    // A body that already ended (a redirect's, mostly) is dropped without waiting for anything.
    if (queue.takeAll() !== undefined) {
      unread.unregister(queue)
      return Promise.resolve()
    }
    return this.#drainQueue(queue)
  }

  async #drainQueue(queue: BodyQueue): Promise<void> {
    try {
      while ((await this.#next(queue)) !== null);
    } catch {
      // A broken connection is discarded by undici; nothing to reuse.
    }
  }

  /** Gives the connection back: a finished body keeps it alive, an unfinished one destroys it. */
  releaseConn(): void {
    const queue = this.#queue
    if (queue === undefined || queue.done) return
    unread.unregister(queue)
    queue.abort(new PoolError('Connection released before the response body was read'))
  }

  /** Same as `releaseConn()`. */
  close(): void {
    this.releaseConn()
  }
}
