import { TOKEN_STORE_DECRYPT } from './codes.js'
import { TokenStoreError } from './token-store-error.js'

/** A stored value could not be read: encrypted with a key the store lacks, tampered with, or not a token. */
export class TokenDecryptError extends TokenStoreError {
  /** The `Symbol.for` brand behind `instanceof` for this class. */
  static override readonly brand: symbol = Symbol.for('@x/oauth2-redis.TokenDecryptError')
  /** The class name, shown in stack traces, `util.inspect` and logs; match on `code`, which is the contract. */
  override name = 'TokenDecryptError' as const
  constructor(message: string, options?: { cause?: unknown }) {
    super(TOKEN_STORE_DECRYPT, message, options)
  }
}
