import { ERR_REQUESTS_SSL, type RequestsErrorCode } from './codes.js'
import { ConnectionError } from './connection-error.js'

/**
 * TLS failed: certificate verification, fingerprint mismatch, handshake (a `ConnectionError`).
 *
 * Code: `'ERR_REQUESTS_SSL'`.
 *
 * @example
 * ```ts
 * if (error instanceof SSLError) console.log('bad certificate')
 * ```
 */
export class SSLError extends ConnectionError {
  static override readonly brand: symbol = Symbol.for('@x/requests.SSLError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_SSL
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'SSLError'
}
