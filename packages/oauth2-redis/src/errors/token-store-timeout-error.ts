import { TOKEN_STORE_TIMEOUT } from './codes.js'
import { TokenStoreError } from './token-store-error.js'

/** A renewal waited longer than the store's `waitTimeout` for other holders' leases. */
export class TokenStoreTimeoutError extends TokenStoreError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2-redis.TokenStoreTimeoutError')
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'TokenStoreTimeoutError' as const
  constructor(message: string) {
    super(TOKEN_STORE_TIMEOUT, message)
  }
}
