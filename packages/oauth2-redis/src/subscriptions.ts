import type { RedisClientLike, RedisSubscriberLike } from './redis-client.js'

/** One pub/sub channel: a message counter, the waiters it wakes and the listeners it calls. */
export class Channel {
  messages = 0
  readonly #waiters = new Set<() => void>()
  readonly listeners = new Set<(message: string) => void>()
  subscribed: Promise<boolean> | undefined
  /** Renewals and listeners using the channel: at 0 it is unsubscribed, so idle keys cost nothing. */
  users = 0
  readonly onMessage = (message: string | Buffer): void => this.deliver(String(message))

  deliver(message: string): void {
    this.messages++
    for (const wake of [...this.#waiters]) wake()
    for (const listener of [...this.listeners]) listener(message)
  }

  /** Resolves on the next message, after `ms`, or when `signal` aborts (the caller re-checks). */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#waiters.delete(done)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.#waiters.add(done)
      signal?.addEventListener('abort', done, { once: true })
    })
  }
}

/**
 * The store's pub/sub: one duplicate connection of the application's client, subscribed to each key's channel on
 * first use (sharded pub/sub on a cluster, so the message stays on the slot's node). When subscribing fails
 * (Redis down), waiters fall back to polling and the next use tries again; node-redis resubscribes by itself
 * after a reconnect.
 */
export class Subscriptions {
  readonly #client: RedisClientLike
  readonly #sharded: boolean
  readonly #timeout: number
  readonly #channels = new Map<string, Channel>()
  #subscriber: RedisSubscriberLike | undefined
  #connected: Promise<boolean> | undefined

  constructor(client: RedisClientLike, sharded: boolean, timeout: number) {
    this.#client = client
    this.#sharded = sharded
    this.#timeout = timeout
  }

  #channel(name: string): Channel {
    let channel = this.#channels.get(name)
    if (channel === undefined) {
      channel = new Channel()
      this.#channels.set(name, channel)
    }
    return channel
  }

  /**
   * The channel, subscribed (or, when Redis does not let us within the timeout, still usable for waits), counted
   * as used until {@link release}.
   */
  async acquire(name: string): Promise<Channel> {
    const channel = this.#channel(name)
    channel.users++
    channel.subscribed ??= this.#subscribe(name, channel)
    if (!(await channel.subscribed)) channel.subscribed = undefined
    return channel
  }

  /** One use of the channel ended; the last one unsubscribes. */
  release(name: string): void {
    const channel = this.#channels.get(name)
    if (channel === undefined || --channel.users > 0) return
    this.#channels.delete(name)
    const subscriber = this.#subscriber
    if (channel.subscribed === undefined || subscriber === undefined) return
    const unsubscribing =
      this.#sharded && subscriber.sUnsubscribe
        ? subscriber.sUnsubscribe(name, channel.onMessage)
        : subscriber.unsubscribe?.(name, channel.onMessage)
    unsubscribing?.catch(() => {})
  }

  listen(name: string, listener: (message: string) => void): () => void {
    const channel = this.#channel(name)
    channel.listeners.add(listener)
    void this.acquire(name)
    let listening = true
    return () => {
      if (!listening) return
      listening = false
      channel.listeners.delete(listener)
      this.release(name)
    }
  }

  async publish(name: string, message: string): Promise<void> {
    if (!this.#client.isReady) return
    try {
      const client = this.#client
      await (this.#sharded && client.sPublish
        ? client.sPublish(name, message)
        : client.publish(name, message))
    } catch {
      // waiters poll as a fallback
    }
  }

  async #subscribe(name: string, channel: Channel): Promise<boolean> {
    const subscriber = await this.#connect()
    if (!subscriber) return false
    const subscribing =
      this.#sharded && subscriber.sSubscribe
        ? subscriber.sSubscribe(name, channel.onMessage)
        : subscriber.subscribe(name, channel.onMessage)
    return within(subscribing, this.#timeout)
  }

  async #connect(): Promise<RedisSubscriberLike | undefined> {
    if (this.#subscriber === undefined) {
      if (!this.#client.isReady) return undefined
      const subscriber = this.#client.duplicate()
      // Errors surface as failed subscriptions; the application's client reports its own.
      subscriber.on('error', () => {})
      this.#subscriber = subscriber
      this.#connected = within(subscriber.connect(), this.#timeout)
    }
    return (await this.#connected) || this.#subscriber.isReady ? this.#subscriber : undefined
  }

  close(): void {
    const subscriber = this.#subscriber
    this.#subscriber = undefined
    this.#connected = undefined
    for (const channel of this.#channels.values()) channel.subscribed = undefined
    try {
      subscriber?.destroy()
    } catch {}
  }
}

/** Whether `promise` settles successfully within `ms` (a late success still takes effect). */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
