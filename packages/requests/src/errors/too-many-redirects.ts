import { ERR_REQUESTS_TOO_MANY_REDIRECTS, type RequestsErrorCode } from './codes.js'
import { RequestException } from './request-exception.js'

/**
 * More redirects than `maxRedirects` (30 by default).
 *
 * Code: `'ERR_REQUESTS_TOO_MANY_REDIRECTS'`.
 *
 * @example
 * ```ts
 * await s.get(url).catch((e) => { if (e instanceof TooManyRedirects) console.log(e.response?.history.length) })
 * ```
 */
export class TooManyRedirects extends RequestException {
  static override readonly brand: symbol = Symbol.for('@x/requests.TooManyRedirects')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_TOO_MANY_REDIRECTS
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'TooManyRedirects'
}
