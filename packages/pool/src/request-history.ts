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
  readonly method: string
  /** The URL requested, without credentials. */
  readonly url: string
  readonly error: Error | undefined
  readonly status: number | undefined
  readonly redirectLocation: string | undefined
}
