/**
 * The part of `@x/pool`'s `HTTPResponse` a {@link Response} wraps (its `raw`).
 *
 * @example
 * ```ts
 * r.raw?.headers.getAll('set-cookie')
 * ```
 */
export interface RawResponse {
  /**
   * The status code.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.response.html
   */
  readonly status: number
  /** The reason phrase. */
  readonly reason: string
  /** The URL the response came from. */
  readonly url: string
  /** The response headers, one `[name, value]` pair per value. */
  readonly headers: Iterable<[string, string]> & {
    /** The values of `name` (case-insensitive) joined with `, `, or `undefined`. */
    get(name: string): string | undefined
    /** Every value of `name` (case-insensitive), e.g. each `Set-Cookie`. */
    getAll(name: string): string[]
  }
  /** The whole body (read into memory). */
  readonly data: Uint8Array
  /** The body in chunks of at most `chunkSize` bytes, decoded. */
  stream(chunkSize?: number): AsyncIterable<Uint8Array>
  /** The rest of the body, decoded, in one piece (`@x/pool`'s `HTTPResponse.read()`); `stream` is used without it. */
  read?(): Promise<Uint8Array>
  /** Returns the connection to the pool. */
  releaseConn(): void
  /** Reads and discards the rest of the body so that the connection can be reused. */
  drainConn(): Promise<void>
  /** Closes the connection. */
  close(): void
}

/**
 * Progress of a download or upload. `total` is the Content-Length when known.
 *
 * @example
 * ```ts
 * await s.get(url, { onDownloadProgress: ({ loaded, total }) => console.log(loaded, total) })
 * ```
 */
export interface Progress {
  /** Bytes sent or received so far. */
  loaded: number
  /** The `Content-Length`, when known. */
  total: number | undefined
}

/**
 * Options of {@link Response.iterContent}.
 *
 * @example
 * ```ts
 * for await (const chunk of r.iterContent({ chunkSize: 8192 })) sink.write(chunk)
 * ```
 */
export interface IterContentOptions {
  /** Bytes per chunk; by default chunks are yielded as they arrive. */
  chunkSize?: number
  /** Yield strings decoded with `response.encoding` (or the apparent encoding). */
  decodeUnicode?: boolean
}
