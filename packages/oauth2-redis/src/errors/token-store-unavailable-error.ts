import { TOKEN_STORE_UNAVAILABLE } from './codes.js'
import { TokenStoreError } from './token-store-error.js'

/**
 * Redis did not answer (not connected, a command failed or timed out) and the store's policy is `'fail'`.
 * The Redis client's error is the `cause`.
 */
export class TokenStoreUnavailableError extends TokenStoreError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2-redis.TokenStoreUnavailableError')
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'TokenStoreUnavailableError' as const
  constructor(message: string, options?: { cause?: unknown }) {
    super(TOKEN_STORE_UNAVAILABLE, message, options)
  }
}
