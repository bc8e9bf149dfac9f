/**
 * What the store needs of a node-redis client (`createClient()`) or cluster (`createCluster()`), structurally, so
 * any RESP version, module set or type mapping the application chose fits.
 */
export interface RedisClientLike {
  readonly isReady: boolean
  get(key: string): Promise<unknown>
  set(
    key: string,
    value: string,
    options?: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>
  pTTL(key: string): Promise<unknown>
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  publish(channel: string, message: string): Promise<unknown>
  sPublish?(channel: string, message: string): Promise<unknown>
  duplicate(): RedisSubscriberLike
}

/** The duplicate connection the store subscribes on (node-redis wants a dedicated one for pub/sub). */
export interface RedisSubscriberLike {
  readonly isReady: boolean
  on(event: 'error', listener: (error: Error) => void): unknown
  connect(): Promise<unknown>
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>
  sSubscribe?(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>
  // the listener given to (s)subscribe (node-redis types it for string and Buffer messages)
  unsubscribe?(
    channel: string,
    listener: (message: string | Buffer, channel: string | Buffer) => unknown,
  ): Promise<unknown>
  sUnsubscribe?(
    channel: string,
    listener: (message: string | Buffer, channel: string | Buffer) => unknown,
  ): Promise<unknown>
  destroy(): unknown
}

/** A cluster client (node-redis' RedisCluster) publishes on sharded channels: one slot, one node. */
export function isCluster(client: RedisClientLike): boolean {
  return 'masters' in client && 'slots' in client
}

// Release the lease only when this holder still owns it (its unique value), atomically.
export const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

// Extend the lease while its owner is still renewing (owner only).
export const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`

// Write the token and release the holder's lease in one step, so nobody takes the lease and reads the old token.
// The token is written even when the lease expired meanwhile: it came from the token endpoint after the read
// under the lease, so it is the newest one issued (with single-use refresh tokens, the only valid one).
export const WRITE_AND_RELEASE = `redis.call('SET', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return 1`
