import type { Socket } from 'node:net'

/**
 * A server listening on a loopback address. `url` has no trailing slash. `await using server = await start...()`
 * closes it at the end of the scope.
 */
export interface RunningServer extends AsyncDisposable {
  /** `'http://127.0.0.1:PORT'` (or `https://`), no trailing slash. */
  url: string
  host: string
  port: number
  /** Stops listening and destroys every open connection, idle ones included. */
  close(): Promise<void>
}

/** A request head (and body) read by {@link startRawServer}. Header names are lower-case. */
export interface RawRequest {
  method: string
  path: string
  /** Lower-case names; repeated headers are joined with `', '`. */
  headers: Record<string, string>
  /** The head exactly as received, up to and excluding the blank line. */
  rawHead: string
  /** Body read through Content-Length or chunked framing (empty when there is none). */
  body: Buffer
}

export type RawSocket = Socket

/** Adds `[Symbol.asyncDispose]` (= `close()`) to a started server, for `await using`. */
export function disposable<T extends { close(): Promise<void> }>(server: T): T & AsyncDisposable {
  return Object.assign(server, { [Symbol.asyncDispose]: () => server.close() })
}
