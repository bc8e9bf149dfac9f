export type { EncryptionKey } from './codec.js'
export {
  TOKEN_STORE_DECRYPT,
  TOKEN_STORE_TIMEOUT,
  TOKEN_STORE_UNAVAILABLE,
} from './errors/codes.js'
export { TokenDecryptError } from './errors/token-decrypt-error.js'
export { TokenStoreError } from './errors/token-store-error.js'
export { TokenStoreTimeoutError } from './errors/token-store-timeout-error.js'
export { TokenStoreUnavailableError } from './errors/token-store-unavailable-error.js'
export { type RedisTokenKeys, redisTokenKeys } from './keys.js'
export type { RedisTokenStoreOptions, UnavailablePolicy } from './options.js'
export type { RedisClientLike, RedisSubscriberLike } from './redis-client.js'
export { RedisTokenStore } from './redis-token-store.js'
