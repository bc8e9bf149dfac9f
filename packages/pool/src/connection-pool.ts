import { AsyncResource } from 'node:async_hooks'
import { type InspectOptions, inspect } from 'node:util'
import { type Dispatcher, Pool } from 'undici'
import { createDispatcher, type PoolSettings } from './dispatcher-factory.js'
import { ClosedPoolError } from './errors/closed-pool-error.js'
import { EmptyPoolError } from './errors/empty-pool-error.js'
import { redactHeaderList } from './header-dict.js'
import { afterSocketReturn, kQueuedAbort } from './undici-internals.js'
import type { PreparedRequest } from './request-body.js'
import type { PoolStats, PoolRequestOptions } from './request-options.js'
import type { ResponseHandler, SlotOwner } from './response-handler.js'
import type { HTTPResponse } from './response.js'
import type { TimeoutConfig } from './timeout.js'
import { type PoolSource, type RequestDefaults, urlopen } from './urlopen.js'
import { originOf } from './url.js'

interface Waiter {
  request: PreparedRequest
  handler: ResponseHandler
  timeout: TimeoutConfig
  timer: NodeJS.Timeout | undefined
  /**
   * The async context the request was made in: it is sent in it, so tracers parent undici's span right. An
   * AsyncResource (~0.1 µs to create) rather than AsyncLocalStorage.snapshot() (~6 µs on Node 24).
   */
  context: AsyncResource
}

type StatsSource = { stats?: Partial<PoolStats> | Record<string, Partial<PoolStats>> }

function addStats(into: PoolStats, dispatcher: Dispatcher | undefined): void {
  const stats = (dispatcher as StatsSource | undefined)?.stats
  if (stats === undefined) return
  const list: Array<Partial<PoolStats>> =
    'connected' in stats ? [stats as Partial<PoolStats>] : Object.values(stats)
  for (const s of list) {
    into.connected += Number(s.connected ?? 0)
    into.free += s.free ?? 0
    into.pending += s.pending ?? 0
    into.queued += s.queued ?? 0
    into.running += s.running ?? 0
    into.size += s.size ?? 0
  }
}

// Not `implements SlotOwner, PoolSource`: those members are internal (stripped from the published types), and the
// clause would then make the .d.ts fail to compile for consumers with skipLibCheck off. Checked where used instead.
/**
 * The connections to one origin with one set of connection settings (urllib3's `HTTPConnectionPool`), backed by
 * one undici `Pool` (or `ProxyAgent`). Requests beyond `maxSize` wait for a free connection (`block: true`, the
 * default), or with `block: false` use extra connections that are closed after their response.
 *
 * @example
 * ```ts
 * const pool = pm.connectionFromUrl('http://127.0.0.1:8080')
 * const resp = await pool.request('GET', '/get')
 * pool.stats // { connected: 1, free: 1, ... }
 * ```
 */
export class ConnectionPool {
  /** `scheme://host:port`. */
  readonly origin: string
  /** The pool key: origin plus a hash of the connection settings. */
  readonly key: string
  /**
   * Defaults for requests through this pool (headers, retries, timeout, size limit), taken from the manager.
   */
  readonly defaults: RequestDefaults
  #settings: PoolSettings
  #main: Dispatcher
  #overflow: Dispatcher | undefined
  #active = 0
  /** Requests in flight on extra connections (`block: false`). */
  #overflowActive = 0
  /** Responses that ended less than an event-loop turn ago: their sockets are about to be free. */
  #cooling = 0
  #waiting: Waiter[] = []
  #closed = false
  /** Open connections of the main `Pool`, counted from its events; -1 for dispatchers that do not emit them. */
  #connected = -1

  constructor(origin: string, key: string, settings: PoolSettings, defaults: RequestDefaults) {
    this.origin = origin
    this.key = key
    this.#settings = settings
    this.defaults = defaults
    const main = createDispatcher(origin, settings, false)
    this.#main = main
    if (main instanceof Pool) {
      this.#connected = 0
      main.on('connect', () => this.#connected++)
      main.on('disconnect', () => this.#connected--)
    }
  }

  /** Default headers may carry credentials (`Authorization`, `Cookie`): `util.inspect` shows them redacted. */
  [inspect.custom](_depth: number, options: InspectOptions): string {
    const defaults = { ...this.defaults, headers: redactHeaderList(this.defaults.headers) }
    const shown = { origin: this.origin, key: this.key, closed: this.#closed, defaults }
    return `ConnectionPool ${inspect(shown, { depth: options.depth ?? 2, colors: options.colors ?? false })}`
  }

  /** Whether {@link ConnectionPool.close} was called; requests then throw `ClosedPoolError`. */
  get closed(): boolean {
    return this.#closed
  }

  /** Requests in flight through this pool. */
  get active(): number {
    return this.#active
  }

  /**
   * @internal Sends one attempt; the handler settles it. At `maxSize` requests in flight, `block: true` waits in
   * this pool's own queue (so an aborted waiter never touches a socket) and `block: false` uses an extra
   * connection that is closed after its response.
   */
  dispatch(
    request: PreparedRequest,
    handler: ResponseHandler,
    timeout: TimeoutConfig,
    poolTimeout?: number,
  ): void {
    if (this.#closed) {
      handler.detach()
      handler.onResponseError(null, new ClosedPoolError('Pool is closed'))
      return
    }
    const settings = this.#settings
    if (settings.allowH2 || (this.#active < settings.maxSize && !this.#shouldWaitForCooling())) {
      this.#send(this.#main, request, handler, timeout, false)
    } else if (settings.block || this.#active < settings.maxSize) {
      this.#enqueue(request, handler, timeout, poolTimeout)
    } else {
      this.#overflow ??= createDispatcher(this.origin, settings, true)
      this.#send(this.#overflow, request, handler, timeout, true)
    }
  }

  /**
   * Waits in this pool's queue for a slot (`block: true` at `maxSize`). Its own method: the timer's closure would
   * otherwise cost every dispatch a context.
   */
  #enqueue(
    request: PreparedRequest,
    handler: ResponseHandler,
    timeout: TimeoutConfig,
    poolTimeout: number | undefined,
  ): void {
    const waiter: Waiter = {
      request,
      handler,
      timeout,
      timer: undefined,
      context: new AsyncResource('XPoolQueuedRequest'),
    }
    if (poolTimeout !== undefined) {
      const maxSize = this.#settings.maxSize
      waiter.timer = setTimeout(() => {
        handler.abort(
          new EmptyPoolError(`Pool reached maxSize ${maxSize}; no connection free in ${poolTimeout} ms`),
        )
      }, poolTimeout)
    }
    this.#waiting.push(waiter)
    handler.queuedIn(this)
  }

  #send(
    dispatcher: Dispatcher,
    request: PreparedRequest,
    handler: ResponseHandler,
    timeout: TimeoutConfig,
    extra: boolean,
  ): void {
    this.#active++
    if (extra) {
      this.#overflowActive++
      handler.overflow = true
    }
    const options: Dispatcher.DispatchOptions = {
      origin: this.origin,
      path: request.path,
      method: request.method,
      headers: request.headers,
      body: request.body as never,
      headersTimeout: timeout.read,
      bodyTimeout: timeout.read,
      reset: extra,
    }
    // Lets an abort take the request out of undici's queue while it waits for a connection, so the half-open
    // socket is destroyed at once rather than at the connect timeout.
    const hook = handler.onQueued
    const queuedAbort = hook === undefined ? undefined : kQueuedAbort()
    if (queuedAbort !== undefined) (options as unknown as Record<symbol, unknown>)[queuedAbort] = hook
    dispatcher.dispatch(options, handler)
  }

  /**
   * @internal Called by the handler when an attempt settles: the slot goes to the next waiter. After a complete
   * response, undici hands the keep-alive socket back one event-loop turn later (`setImmediate`, so a server
   * closing it anyway is noticed first); until then, requests wait for it instead of opening another socket.
   */
  release(ended: boolean, overflow: boolean): void {
    this.#active--
    if (overflow) this.#overflowActive--
    else if (ended && !this.#settings.allowH2) {
      this.#cooling++
      afterSocketReturn(this.#cooled)
    }
    this.#next()
  }

  #cooled = (): void => {
    this.#cooling--
    this.#next(true) // at least one waiter goes now: its socket is back, or was closed and will not come back
  }

  /** Whether a new request would open a socket while one is about to come back to the pool. */
  #shouldWaitForCooling(): boolean {
    if (this.#cooling === 0) return false
    // With every connection open, undici queues the request until a socket is free and never opens another:
    // nothing to wait for. This check is O(1); undici's stats walk every connection, and at high concurrency
    // some response is almost always cooling, so computing them here on each request made the cost per
    // request grow with maxSize.
    const connected = this.#connected
    if (connected >= this.#settings.maxSize) return false
    // Otherwise a socket is free when more are open than requests hold (running, or just ended and cooling);
    // requests still waiting for a new connection in undici's queue take the next free socket first.
    if (connected >= 0) return connected - (this.#active - this.#overflowActive) - this.#cooling <= 0
    const stats: PoolStats = { connected: 0, free: 0, pending: 0, running: 0, queued: 0, size: 0 }
    addStats(stats, this.#main)
    return stats.free === 0
  }

  #next(force = false): void {
    const maxSize = this.#settings.maxSize
    while (this.#waiting.length > 0 && this.#active < maxSize && (force || !this.#shouldWaitForCooling())) {
      force = false
      const next = this.#waiting.shift()!
      clearTimeout(next.timer)
      next.handler.queuedIn(undefined)
      this.#sendWaiter(next)
    }
  }

  /** A waiter's turn, in the async context it was queued in (own method: see {@link #enqueue}). */
  #sendWaiter(waiter: Waiter): void {
    waiter.context.runInAsyncScope(() =>
      this.#send(this.#main, waiter.request, waiter.handler, waiter.timeout, false),
    )
  }

  /** @internal A waiting request was aborted: it leaves the queue without ever holding a connection. */
  cancel(handler: ResponseHandler): boolean {
    const index = this.#waiting.findIndex((w) => w.handler === handler)
    if (index === -1) return false
    clearTimeout(this.#waiting[index]!.timer)
    this.#waiting.splice(index, 1)
    return true
  }

  /** This pool for its own origin; other origins are not followed (redirects to them are returned). */
  poolFor(target: URL): ConnectionPool | undefined {
    return originOf(target) === this.origin ? this : undefined
  }

  /**
   * Sends a request through this pool. `url` may be a path (`'/get'`) or an absolute URL on this origin.
   * Same-origin redirects are followed; a redirect elsewhere is returned as the response.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.connectionpool.html#urllib3.HTTPConnectionPool.request
   */
  request(method: string, url: string, options?: PoolRequestOptions): Promise<HTTPResponse> {
    const absolute = url.startsWith('/') ? this.origin + url : url
    return urlopen(this, method, absolute, options)
  }

  /** Live counters (undici's pool stats; extra non-kept connections included). */
  get stats(): PoolStats {
    const stats: PoolStats = { connected: 0, free: 0, pending: 0, running: 0, queued: 0, size: 0 }
    addStats(stats, this.#main)
    addStats(stats, this.#overflow)
    stats.queued += this.#waiting.length
    stats.size += this.#waiting.length
    return stats
  }

  /**
   * Closes the pool: in-flight requests finish, idle sockets close, new requests fail with `ClosedPoolError`.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.connectionpool.html#urllib3.HTTPConnectionPool.close
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const waiter of [...this.#waiting]) {
      waiter.handler.abort(new ClosedPoolError('Pool was closed while the request waited'))
    }
    // A dispatcher the caller gave (`PoolManagerOptions.dispatcher`) is theirs to close.
    if (this.#settings.dispatcher !== undefined) return
    await Promise.all([this.#main.close(), this.#overflow?.close()])
  }

  /** Destroys every socket now; in-flight requests fail. */
  async destroy(): Promise<void> {
    this.#closed = true
    if (this.#settings.dispatcher !== undefined) return
    await Promise.all([this.#main.destroy(), this.#overflow?.destroy()])
  }
}

// What `implements SlotOwner, PoolSource` would check, kept out of the published declarations (see the class).
void ((pool: ConnectionPool): [SlotOwner, PoolSource] => [pool, pool])
