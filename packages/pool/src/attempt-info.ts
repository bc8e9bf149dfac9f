// What one attempt of a request carries; a leaf module so that events.ts and response-handler.ts both read it
// without importing each other.

/**
 * Per-attempt settings the handler needs. Built once per request and shared by its retries.
 *
 * @example
 * ```ts
 * // internal
 * ```
 */
export interface AttemptInfo {
  /** Process-unique id of the request (events, tracing channels, NODE_DEBUG lines). */
  id: number
  /** The URL without credentials (the response's `url`, history). */
  url: string
  /** `scheme://host:port/path`: no credentials, no query string. What error messages show. */
  label: string
  method: string
  preload: boolean
  decode: boolean
  /** Raw (wire) body limit in bytes. */
  maxSize: number
  /** Decoded body limit in bytes. */
  decodedLimit: number
  /** `performance.now()` when the request started, for event timings. */
  start: number
  /** Read timeout (ms): silence allowed before the head and between body chunks. */
  readTimeout: number
}
