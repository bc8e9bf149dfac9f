import { createHash } from 'node:crypto'
import type { TokenStoreKey } from '@x/oauth2'

/** The Redis names of one shared token. */
export interface RedisTokenKeys {
  /** The stored token (JSON, or AES-256-GCM ciphertext when the store has keys). */
  readonly token: string
  /** The renewal lease: `SET NX PX` with the holder's unique value. */
  readonly lease: string
  /** The pub/sub channel a writer publishes on, so waiting processes wake at once. */
  readonly channel: string
}

/**
 * The Redis key names for `key`: `<prefix>:{<digest>}:token|lease|written`. The digest is SHA-256 of issuer,
 * client and subject, so the names reveal none of them; it sits in a hash tag (`{...}`) so that Redis Cluster
 * puts the token, its lease and the channel (sharded pub/sub) in one slot, which the Lua scripts need.
 *
 * @example
 * ```ts
 * redisTokenKeys({ issuer: 'https://op.example', clientId: 'svc' }).token  // 'x-oauth2:{3q2+7w...}:token'
 * ```
 */
export function redisTokenKeys(key: TokenStoreKey, prefix = 'x-oauth2'): RedisTokenKeys {
  const digest = createHash('sha256')
    .update(JSON.stringify([key.issuer, key.clientId, key.subject ?? null]))
    .digest('base64url')
    .slice(0, 27)
  const base = `${prefix}:{${digest}}`
  return { token: `${base}:token`, lease: `${base}:lease`, channel: `${base}:written` }
}
