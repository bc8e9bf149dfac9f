import { randomUUID } from 'node:crypto'
import type { TokenCodec } from './codec.js'
import {
  MemoryTokenStore,
  type StoredToken,
  type TokenStore,
  type TokenStoreKey,
  type TokenStoreOptions,
} from '@x/oauth2'
import { TokenStoreTimeoutError } from './errors/token-store-timeout-error.js'
import { TokenStoreUnavailableError } from './errors/token-store-unavailable-error.js'
import { type RedisTokenKeys, redisTokenKeys } from './keys.js'
import { type RedisTokenStoreOptions, type ResolvedOptions, resolveOptions } from './options.js'
import { EXTEND, isCluster, RELEASE, type RedisClientLike, WRITE_AND_RELEASE } from './redis-client.js'
import { type Channel, Subscriptions } from './subscriptions.js'

type Renew = (current: StoredToken | undefined) => Promise<StoredToken>

/** The later-expiring of two tokens (the first when they tie or either has no expiry). */
function newest(a: StoredToken | undefined, b: StoredToken | undefined): StoredToken | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  const ea = typeof a.expires_at === 'number' ? a.expires_at : undefined
  const eb = typeof b.expires_at === 'number' ? b.expires_at : undefined
  return ea !== undefined && eb !== undefined && eb > ea ? b : a
}

/**
 * A {@link TokenStore} on Redis: one token and one renewal for every process sharing the Redis, per issuer,
 * client and subject. Renewals run under a lease (`SET NX PX` with a unique value, released by its owner only,
 * atomically); the token is re-read once the lease is taken; waiting processes wake on a pub/sub message when the
 * holder writes or releases (with a bounded poll as fallback); a holder that dies leaves a lease that expires.
 *
 * @example
 * ```ts
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect()
 * const tokenStore = new RedisTokenStore({ client: redis, encryptionKeys: [{ id: 'k1', key: process.env.TOKEN_KEY! }] })
 * const session = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl, tokenStore })
 * ```
 */
export class RedisTokenStore implements TokenStore, AsyncDisposable {
  readonly #options: ResolvedOptions
  readonly #client: RedisClientLike
  readonly #codec: TokenCodec
  readonly #instance = randomUUID()
  readonly #subscriptions: Subscriptions
  /** Tokens this process holds that Redis has not taken yet (a write failed): written again until it does. */
  readonly #pending = new Map<string, { key: TokenStoreKey; token: StoredToken }>()
  /** The last token seen per key, for the `'memory'` fallback. */
  readonly #known = new Map<string, StoredToken>()
  readonly #fallback: TokenStore
  #retryTimer: NodeJS.Timeout | undefined
  #flushing: Promise<void> | undefined

  constructor(options: RedisTokenStoreOptions) {
    this.#options = resolveOptions(options)
    this.#client = this.#options.client
    this.#codec = this.#options.codec
    this.#fallback = this.#options.fallback ?? new MemoryTokenStore()
    this.#subscriptions = new Subscriptions(
      this.#client,
      isCluster(this.#client),
      this.#options.commandTimeout,
    )
  }

  /** Whether tokens are encrypted at rest (the store was given keys). */
  get encrypts(): boolean {
    return this.#codec.encrypts
  }

  /** How many tokens wait to be written to Redis (a write failed; retried every `retryInterval`). */
  get pendingWrites(): number {
    return this.#pending.size
  }

  async read(key: TokenStoreKey, options?: TokenStoreOptions): Promise<StoredToken | undefined> {
    options?.signal?.throwIfAborted()
    const names = redisTokenKeys(key, this.#options.prefix)
    const pending = this.#pending.get(names.token)?.token
    try {
      return newest(pending, await this.#readStored(names))
    } catch (error) {
      if (!(error instanceof TokenStoreUnavailableError)) throw error
      if (pending) return pending
      if (this.#options.whenUnavailable === 'fail') throw error
      return newest(this.#known.get(names.token), await this.#fallback.read(key, options))
    }
  }

  /**
   * Stores `token` and wakes the processes waiting for it. When Redis does not take it (unreachable), the token
   * is kept in this process and written again every `retryInterval` until Redis does; this never rejects for
   * that, whatever the policy, since the caller may hold the only copy of a freshly rotated refresh token.
   */
  async write(key: TokenStoreKey, token: StoredToken, options?: TokenStoreOptions): Promise<void> {
    options?.signal?.throwIfAborted()
    const names = redisTokenKeys(key, this.#options.prefix)
    const value = this.#codec.encode(token, names.token)
    try {
      await this.#call(() => this.#client.set(names.token, value))
      this.#written(names, token)
      await this.#subscriptions.publish(names.channel, `w:${this.#instance}`)
    } catch (error) {
      if (!(error instanceof TokenStoreUnavailableError)) throw error
      this.#keep(names, key, token)
      if (this.#options.whenUnavailable === 'memory') await this.#fallback.write(key, token, options)
    }
  }

  async renew(key: TokenStoreKey, renew: Renew, options?: TokenStoreOptions): Promise<StoredToken> {
    const signal = options?.signal
    const names = redisTokenKeys(key, this.#options.prefix)
    const deadline = Date.now() + this.#options.waitTimeout
    // Subscribed only when the lease is taken by someone else (the uncontended path costs no subscription);
    // a release that happened before the subscription is seen by the lease check in #waitForHolder.
    let channel: Channel | undefined
    let seen = 0
    try {
      for (;;) {
        signal?.throwIfAborted()
        if (channel) seen = channel.messages
        const owner = randomUUID()
        let taken: boolean
        try {
          taken =
            (await this.#call(() => this.#client.set(names.lease, owner, this.#leaseOptions()))) === 'OK'
        } catch (error) {
          if (!(error instanceof TokenStoreUnavailableError)) throw error
          return await this.#renewWithoutRedis(key, names, renew, options, error)
        }
        if (taken) return await this.#renewHolding(key, names, owner, renew, options)
        if (Date.now() >= deadline) {
          throw new TokenStoreTimeoutError(
            `waited ${this.#options.waitTimeout} ms for other processes' renewals of this token`,
          )
        }
        if (channel === undefined) {
          channel = await this.#subscriptions.acquire(names.channel)
          seen = channel.messages
        }
        if (channel.messages === seen) await this.#waitForHolder(names, channel, seen, deadline, signal)
      }
    } finally {
      if (channel) this.#subscriptions.release(names.channel)
    }
  }

  /**
   * Calls `listener` with the token when another process (or another store on the same Redis) writes one for
   * `key`. Returns the unsubscribe function.
   */
  subscribe(key: TokenStoreKey, listener: (token: StoredToken) => void): () => void {
    const names = redisTokenKeys(key, this.#options.prefix)
    return this.#subscriptions.listen(names.channel, (message) => {
      if (!message.startsWith('w:') || message === `w:${this.#instance}`) return
      this.#readStored(names).then(
        (token) => {
          if (token) listener(token)
        },
        () => {},
      )
    })
  }

  /** Writes what is pending (one try each), then closes the store's subscriber connection. */
  async close(): Promise<void> {
    clearInterval(this.#retryTimer)
    this.#retryTimer = undefined
    await this.#flush()
    this.#subscriptions.close()
  }

  /** Same as {@link RedisTokenStore.close}, for `await using store = new RedisTokenStore(...)`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  #leaseOptions() {
    return { condition: 'NX', expiration: { type: 'PX', value: this.#options.leaseTtl } } as const
  }

  async #renewHolding(
    key: TokenStoreKey,
    names: RedisTokenKeys,
    owner: string,
    renew: Renew,
    options: TokenStoreOptions | undefined,
  ): Promise<StoredToken> {
    let current: StoredToken | undefined
    try {
      current = newest(this.#pending.get(names.token)?.token, await this.#readStored(names))
    } catch (error) {
      await this.#release(names, owner)
      if (error instanceof TokenStoreUnavailableError)
        return this.#renewWithoutRedis(key, names, renew, options, error)
      throw error
    }
    let next: StoredToken
    const heartbeat = this.#extendWhileHeld(names, owner)
    try {
      next = await renew(current)
    } catch (error) {
      clearInterval(heartbeat)
      await this.#release(names, owner)
      throw error
    }
    clearInterval(heartbeat)
    if (next === current) {
      await this.#release(names, owner)
      return next
    }
    const value = this.#codec.encode(next, names.token)
    try {
      await this.#call(() =>
        this.#client.eval(WRITE_AND_RELEASE, { keys: [names.token, names.lease], arguments: [value, owner] }),
      )
      this.#written(names, next)
      await this.#subscriptions.publish(names.channel, `w:${this.#instance}`)
    } catch {
      // Never lose what the token endpoint just issued: keep it and write it again later. The lease expires.
      this.#keep(names, key, next)
    }
    return next
  }

  /**
   * Keeps the lease while this process is alive and renewing (a token endpoint slower than `leaseTtl` must not let
   * a second process renew with the same refresh token): every third of `leaseTtl`, the lease is extended, by its
   * owner only. A holder that dies stops extending, so its lease expires `leaseTtl` after the last extension.
   */
  #extendWhileHeld(names: RedisTokenKeys, owner: string): NodeJS.Timeout {
    const ttl = String(this.#options.leaseTtl)
    return setInterval(
      () => {
        this.#call(() => this.#client.eval(EXTEND, { keys: [names.lease], arguments: [owner, ttl] })).catch(
          () => {},
        )
      },
      Math.max(1, Math.floor(this.#options.leaseTtl / 3)),
    ).unref()
  }

  async #release(names: RedisTokenKeys, owner: string): Promise<void> {
    try {
      await this.#call(() => this.#client.eval(RELEASE, { keys: [names.lease], arguments: [owner] }))
      await this.#subscriptions.publish(names.channel, `r:${this.#instance}`)
    } catch {
      // the lease expires after leaseTtl
    }
  }

  async #renewWithoutRedis(
    key: TokenStoreKey,
    names: RedisTokenKeys,
    renew: Renew,
    options: TokenStoreOptions | undefined,
    cause: TokenStoreUnavailableError,
  ): Promise<StoredToken> {
    if (this.#options.whenUnavailable === 'fail') {
      throw new TokenStoreUnavailableError(
        'Redis is unreachable, so the token is not renewed (whenUnavailable: "fail")',
        { cause },
      )
    }
    let given: StoredToken | undefined
    const next = await this.#fallback.renew(
      key,
      (current) => {
        given = newest(this.#pending.get(names.token)?.token, newest(this.#known.get(names.token), current))
        return renew(given)
      },
      options,
    )
    if (next !== given) this.#keep(names, key, next)
    return next
  }

  async #waitForHolder(
    names: RedisTokenKeys,
    channel: Channel,
    seen: number,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    let ttl = this.#options.pollInterval
    try {
      ttl = Number(await this.#call(() => this.#client.pTTL(names.lease)))
    } catch {}
    if (ttl === -2) return // released meanwhile
    const ms = Math.min(this.#options.pollInterval, ttl < 0 ? this.#options.pollInterval : ttl + 1)
    if (channel.messages !== seen) return
    await channel.wait(Math.max(1, Math.min(ms, deadline - Date.now())), signal)
  }

  async #readStored(names: RedisTokenKeys): Promise<StoredToken | undefined> {
    const value = await this.#call(() => this.#client.get(names.token))
    if (value === null || value === undefined) return undefined
    const token = this.#codec.decode(String(value), names.token)
    this.#known.set(names.token, token)
    return token
  }

  #written(names: RedisTokenKeys, token: StoredToken): void {
    this.#known.set(names.token, token)
    const pending = this.#pending.get(names.token)
    if (pending && newest(token, pending.token) === token) this.#pending.delete(names.token)
  }

  #keep(names: RedisTokenKeys, key: TokenStoreKey, token: StoredToken): void {
    this.#known.set(names.token, token)
    const pending = this.#pending.get(names.token)
    this.#pending.set(names.token, { key, token: pending ? (newest(token, pending.token) ?? token) : token })
    this.#retryTimer ??= setInterval(() => void this.#flush(), this.#options.retryInterval).unref()
  }

  /** Writes each pending token under the lease, unless Redis meanwhile holds a later-expiring one. */
  #flush(): Promise<void> {
    this.#flushing ??= (async () => {
      for (const [tokenKey, entry] of [...this.#pending]) {
        const names = redisTokenKeys(entry.key, this.#options.prefix)
        const owner = randomUUID()
        try {
          const taken = await this.#call(() => this.#client.set(names.lease, owner, this.#leaseOptions()))
          if (taken !== 'OK') continue
          const stored = await this.#readStored(names).catch(() => undefined)
          if (stored && newest(entry.token, stored) === stored && stored !== entry.token) {
            if (this.#pending.get(tokenKey) === entry) this.#pending.delete(tokenKey)
            await this.#release(names, owner)
            continue
          }
          const value = this.#codec.encode(entry.token, names.token)
          await this.#call(() =>
            this.#client.eval(WRITE_AND_RELEASE, {
              keys: [names.token, names.lease],
              arguments: [value, owner],
            }),
          )
          this.#written(names, entry.token)
          await this.#subscriptions.publish(names.channel, `w:${this.#instance}`)
        } catch {}
      }
      if (this.#pending.size === 0) {
        clearInterval(this.#retryTimer)
        this.#retryTimer = undefined
      }
    })().finally(() => {
      this.#flushing = undefined
    })
    return this.#flushing
  }

  /** One Redis command, or a TokenStoreUnavailableError when Redis is not connected, fails or is too slow. */
  async #call<T>(command: () => Promise<T>): Promise<T> {
    if (!this.#client.isReady) throw new TokenStoreUnavailableError('Redis is not connected')
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TokenStoreUnavailableError(`Redis did not answer within ${this.#options.commandTimeout} ms`),
          ),
        this.#options.commandTimeout,
      )
    })
    try {
      return await Promise.race([command(), timeout])
    } catch (error) {
      if (error instanceof TokenStoreUnavailableError) throw error
      throw new TokenStoreUnavailableError(`Redis command failed: ${(error as Error)?.message ?? error}`, {
        cause: error,
      })
    } finally {
      clearTimeout(timer)
    }
  }
}
