import { ERR_REQUESTS_UNREGISTERED_CALL, type RequestsErrorCode } from '../errors/codes.js'
import { ConnectionError } from '../errors/connection-error.js'

/**
 * A request no response was registered for in a {@link Responses} mock: refused without touching the network.
 * A `ConnectionError`, as the Python `responses` library raises one ("Connection refused by Responses").
 *
 * Code: `'ERR_REQUESTS_UNREGISTERED_CALL'`.
 *
 * @example
 * ```ts
 * await s.get('http://api.test/nothing').catch((e) => e instanceof UnregisteredCallError) // true
 * ```
 */
export class UnregisteredCallError extends ConnectionError {
  static override readonly brand: symbol = Symbol.for('@x/requests.UnregisteredCallError')
  static override readonly code: RequestsErrorCode = ERR_REQUESTS_UNREGISTERED_CALL
  override name = 'UnregisteredCallError'
}
