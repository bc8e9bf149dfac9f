/**
 * The part of `@x/pool`'s `HTTPResponse` a {@link Response} wraps (its `raw`).
 *
 * @example
 * ```ts
 * r.raw?.headers.getAll('set-cookie')
 * ```
 */
export interface RawResponse {
  readonly status: number
  readonly reason: string
  readonly url: string
  readonly headers: Iterable<[string, string]> & {
    get(name: string): string | undefined
    getAll(name: string): string[]
  }
  readonly data: Uint8Array
  stream(chunkSize?: number): AsyncIterable<Uint8Array>
  releaseConn(): void
  drainConn(): Promise<void>
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
  loaded: number
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
