/**
 * What the store needs of a node-redis client (`createClient()`) or cluster (`createCluster()`), structurally, so
 * any RESP version, module set or type mapping the application chose fits.
 */
export interface RedisClientLike {
  /** Whether the client is connected; the store fails fast with `TokenStoreUnavailableError` when not. */
  readonly isReady: boolean
  /**
   * `GET key`: the stored (encrypted) token.
   * @see https://redis.io/docs/latest/commands/get/
   */
  get(key: string): Promise<unknown>
  /**
   * `SET key value`, with `NX PX ms` for a renewal lease.
   * @see https://redis.io/docs/latest/commands/set/
   */
  set(
    key: string,
    value: string,
    options?: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>
  /**
   * `PTTL key`: how long a lease has left, in ms.
   * @see https://redis.io/docs/latest/commands/pttl/
   */
  pTTL(key: string): Promise<unknown>
  /**
   * `EVAL`: the atomic lease release, extension and write-and-release scripts.
   * @see https://redis.io/docs/latest/commands/eval/
   */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  /**
   * `PUBLISH`: tells other instances a token was renewed.
   * @see https://redis.io/docs/latest/commands/publish/
   */
  publish(channel: string, message: string): Promise<unknown>
  /**
   * `SPUBLISH`: the sharded form, used with a cluster.
   * @see https://redis.io/docs/latest/commands/spublish/
   */
  sPublish?(channel: string, message: string): Promise<unknown>
  /** A second connection, for subscribing. */
  duplicate(): RedisSubscriberLike
}

/** The duplicate connection the store subscribes on (node-redis wants a dedicated one for pub/sub). */
export interface RedisSubscriberLike {
  /** Whether the subscriber connection is connected. */
  readonly isReady: boolean
  /** Listens to connection errors (so that they do not crash the process). */
  on(event: 'error', listener: (error: Error) => void): unknown
  /** Opens the connection. */
  connect(): Promise<unknown>
  /**
   * `SUBSCRIBE` with a listener for renewal notices.
   * @see https://redis.io/docs/latest/commands/subscribe/
   */
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>
  /**
   * `SSUBSCRIBE`: the sharded form, used with a cluster.
   * @see https://redis.io/docs/latest/commands/ssubscribe/
   */
  sSubscribe?(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>
  // the listener given to (s)subscribe (node-redis types it for string and Buffer messages)
  /**
   * `UNSUBSCRIBE` the listener once no renewal or listener uses the channel.
   * @see https://redis.io/docs/latest/commands/unsubscribe/
   */
  unsubscribe?(
    channel: string,
    listener: (message: string | Buffer, channel: string | Buffer) => unknown,
  ): Promise<unknown>
  /**
   * `SUNSUBSCRIBE`: the sharded form.
   * @see https://redis.io/docs/latest/commands/sunsubscribe/
   */
  sUnsubscribe?(
    channel: string,
    listener: (message: string | Buffer, channel: string | Buffer) => unknown,
  ): Promise<unknown>
  /** Closes the connection at once. */
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
