/** What every benchmarked client implements. */

/** One request shape of a workload; the same for every client. */
export interface RequestSpec {
  method: 'GET' | 'POST'
  path: string
  /** Pre-serialized JSON body for POST. */
  body?: string
  /** Decoded body length the client must return; checked before a client is measured. */
  expectBytes?: number
  /** The workload follows redirects (a client that cannot marks itself unsupported). */
  redirects?: boolean
  /** The body is gzip-encoded; the client must hand back decoded bytes. */
  gzip?: boolean
}

/** A client configured for one origin with a fixed number of connections. */
export interface ClientInstance {
  /** Builds the call for one request shape, outside the timed loop. Returns the decoded body length. */
  prepare(spec: RequestSpec): (() => Promise<number>) | undefined
  /** Streams a large body, counting bytes without keeping them. */
  stream(path: string): Promise<number>
  close(): Promise<void>
}

export interface ClientFactory {
  key: string
  name: string
  /** One of our packages (target checks and "ours" marks). */
  ours: boolean
  /**
   * One of ours built with no options, as its README shows (measured on the throughput workloads; the streamed
   * download and scale probes measure the same code through the sized clients).
   */
  defaults?: boolean
  /** The raw ceiling: frames responses without decoding them, so body lengths are not checked. */
  ceiling?: boolean
  create(origin: string, connections: number): Promise<ClientInstance>
}

/** A client that could not be loaded, with the reason printed in the report. */
export interface SkippedClient {
  key: string
  name: string
  reason: string
}

export function expectOk(status: number, what: string): void {
  if (status !== 200) throw new Error(`${what}: HTTP ${status}`)
}
