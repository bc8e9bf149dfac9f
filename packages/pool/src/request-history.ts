/**
 * One entry of `Retry.history`: why a request was retried or redirected, like urllib3's `RequestHistory`.
 *
 * @example
 * ```ts
 * const resp = await pm.request('GET', `${base}/redirect/2`)
 * resp.retries?.history.map((h) => h.redirectLocation) // ['/relative-redirect/1', '/get']
 * ```
 */
export interface RequestHistory {
  /** The request method of the attempt. */
  readonly method: string
  /** The URL requested, without credentials. */
  readonly url: string
  /** The error of the attempt, if it failed without a response. */
  readonly error: Error | undefined
  /** The status of the response that was retried or redirected, if there was one. */
  readonly status: number | undefined
  /** The `Location` followed, when the attempt was a redirect. */
  readonly redirectLocation: string | undefined
}
