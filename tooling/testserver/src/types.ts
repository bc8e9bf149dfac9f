import type { Socket } from 'node:net'

/** A server listening on a loopback address. `url` has no trailing slash. */
export interface RunningServer {
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
