import { request } from 'node:http'
import { Child } from './process.ts'
import { freePort, waitForPort } from '@x/testserver/ports'

/** toxiproxy's toxic types and their attributes (see its README). */
export type Toxic =
  | { type: 'latency'; attributes: { latency: number; jitter?: number } }
  | { type: 'bandwidth'; attributes: { rate: number } }
  | { type: 'slow_close'; attributes: { delay: number } }
  | { type: 'timeout'; attributes: { timeout: number } }
  | { type: 'reset_peer'; attributes: { timeout: number } }
  | { type: 'limit_data'; attributes: { bytes: number } }
  | { type: 'slicer'; attributes: { average_size: number; size_variation?: number; delay?: number } }

export type Stream = 'upstream' | 'downstream'

/** How long one API call may take, by default, before toxiproxy is taken as stuck (its own handler gives up at 25 s). */
const API_TIMEOUT_MS = 8_000

/** One toxiproxy proxy: `port` on 127.0.0.1 forwards to its upstream, through the toxics added. */
export class ToxiProxy {
  readonly name: string
  readonly port: number
  readonly #api: Toxiproxy

  constructor(api: Toxiproxy, name: string, port: number) {
    this.#api = api
    this.name = name
    this.port = port
  }

  /** Adds a toxic (downstream by default: on the bytes from the server to the client); returns its name. */
  async add(toxic: Toxic, stream: Stream = 'downstream', toxicity = 1): Promise<string> {
    const name = `${toxic.type}_${stream}_${Math.random().toString(36).slice(2, 8)}`
    await this.#api.addToxic(this.name, { name, stream, toxicity, ...toxic })
    return name
  }

  async remove(toxic: string): Promise<void> {
    await this.#api.removeToxic(this.name, toxic)
  }

  /** Removes every toxic of this proxy. */
  async clear(): Promise<void> {
    await this.#api.clearToxics(this.name)
  }

  /** Disabled: the listener is closed and open connections are cut; enabled again: it listens on the same port. */
  async setEnabled(enabled: boolean): Promise<void> {
    await this.#api.setEnabled(this.name, enabled)
  }
}

interface ProxyState {
  listen: string
  upstream: string
  enabled: boolean
  toxics: Map<string, Record<string, unknown>>
}

class StuckError extends Error {}

/**
 * A toxiproxy-server on a free loopback port, driven through its HTTP API.
 *
 * toxiproxy can deadlock when a toxic is added or removed while a link is mid-transfer (its API then answers 503
 * after 25 s: Shopify/toxiproxy#558, open). This wrapper keeps the state it asked for (proxies, their toxics,
 * enabled or not); when a call does not answer in time (8 s by default), it kills the server, starts a new
 * one on the same ports with that state, and says so on stderr. Connections through the old server are cut, as a
 * `reset` would cut them. A test therefore never waits on toxiproxy's own bug.
 */
export class Toxiproxy {
  readonly #binary: string
  readonly #port: number
  readonly #timeout: number
  #child: Child
  readonly #proxies = new Map<string, ProxyState>()
  /** How many times the server was restarted because its API was stuck. */
  restarts = 0

  private constructor(binary: string, child: Child, port: number, timeout: number) {
    this.#binary = binary
    this.#child = child
    this.#port = port
    this.#timeout = timeout
  }

  /** Starts toxiproxy-server; `apiTimeoutMs` is how long an API call may take before the server is restarted. */
  static async start(binary: string, { apiTimeoutMs = API_TIMEOUT_MS } = {}): Promise<Toxiproxy> {
    const port = await freePort()
    return new Toxiproxy(binary, await Toxiproxy.#spawn(binary, port), port, apiTimeoutMs)
  }

  /** The server's process id (a test stops it with SIGSTOP to make it stuck). */
  get pid(): number | undefined {
    return this.#child.pid
  }

  static async #spawn(binary: string, port: number): Promise<Child> {
    const child = new Child('toxiproxy', binary, ['-host', '127.0.0.1', '-port', String(port)])
    try {
      await waitForPort(port, 15_000, 'toxiproxy-server')
    } catch (error) {
      await child.stop()
      throw new Error(`${(error as Error).message}\n${child.output}`)
    }
    return child
  }

  /** @internal One API call on its own connection (closed after it), so no socket outlives the call. */
  call(method: string, path: string, body?: unknown): Promise<unknown> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const req = request(
        `http://127.0.0.1:${this.#port}${path}`,
        {
          method,
          agent: false,
          timeout: this.#timeout,
          headers: { connection: 'close', ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString()
            const status = res.statusCode ?? 500
            const message = `toxiproxy ${method} ${path}: ${status} ${text}`
            if (status === 503) reject(new StuckError(message))
            else if (status >= 300) reject(new Error(message))
            else resolve(text === '' ? undefined : JSON.parse(text))
          })
        },
      )
      req.on('timeout', () =>
        req.destroy(new StuckError(`toxiproxy ${method} ${path}: no answer in ${this.#timeout} ms`)),
      )
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Runs one call; if toxiproxy is stuck, restarts it with the state already recorded (which includes this change). */
  async #apply(method: string, path: string, body?: unknown): Promise<void> {
    try {
      await this.call(method, path, body)
    } catch (error) {
      if (!(error instanceof StuckError)) throw error
      await this.#restart(error.message)
    }
  }

  async #restart(why: string): Promise<void> {
    this.restarts++
    console.warn(
      `[faults] ${why}; toxiproxy is stuck (Shopify/toxiproxy#558), restarting it with the same proxies`,
    )
    await this.#child.stop('SIGKILL')
    this.#child = await Toxiproxy.#spawn(this.#binary, this.#port)
    for (const [name, p] of this.#proxies) {
      await this.call('POST', '/proxies', {
        name,
        listen: p.listen,
        upstream: p.upstream,
        enabled: p.enabled,
      })
      for (const toxic of p.toxics.values()) await this.call('POST', `/proxies/${name}/toxics`, toxic)
    }
  }

  #state(proxy: string): ProxyState {
    const state = this.#proxies.get(proxy)
    if (!state) throw new Error(`toxiproxy: no proxy named ${proxy}`)
    return state
  }

  /** A proxy from a free loopback port to `upstream` (`host:port`). */
  async proxy(name: string, upstream: string): Promise<ToxiProxy> {
    const port = await freePort()
    const listen = `127.0.0.1:${port}`
    await this.call('POST', '/proxies', { name, listen, upstream, enabled: true })
    this.#proxies.set(name, { listen, upstream, enabled: true, toxics: new Map() })
    return new ToxiProxy(this, name, port)
  }

  /** @internal */
  async addToxic(proxy: string, toxic: Record<string, unknown> & { name: string }): Promise<void> {
    this.#state(proxy).toxics.set(toxic.name, toxic)
    await this.#apply('POST', `/proxies/${proxy}/toxics`, toxic)
  }

  /** @internal */
  async removeToxic(proxy: string, toxic: string): Promise<void> {
    this.#state(proxy).toxics.delete(toxic)
    await this.#apply('DELETE', `/proxies/${proxy}/toxics/${toxic}`)
  }

  /** @internal */
  async clearToxics(proxy: string): Promise<void> {
    for (const toxic of [...this.#state(proxy).toxics.keys()]) await this.removeToxic(proxy, toxic)
  }

  /** @internal */
  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    this.#state(proxy).enabled = enabled
    await this.#apply('POST', `/proxies/${proxy}`, { enabled })
  }

  /** Enables every proxy and removes every toxic. */
  async reset(): Promise<void> {
    for (const p of this.#proxies.values()) {
      p.enabled = true
      p.toxics.clear()
    }
    await this.#apply('POST', '/reset')
  }

  async stop(): Promise<void> {
    await this.#child.stop()
  }
}
