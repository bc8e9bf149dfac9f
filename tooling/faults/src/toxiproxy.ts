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
    await this.#api.call('POST', `/proxies/${this.name}/toxics`, { name, stream, toxicity, ...toxic })
    return name
  }

  async remove(toxic: string): Promise<void> {
    await this.#api.call('DELETE', `/proxies/${this.name}/toxics/${toxic}`)
  }

  /** Removes every toxic of this proxy. */
  async clear(): Promise<void> {
    const toxics = (await this.#api.call('GET', `/proxies/${this.name}/toxics`)) as Array<{ name: string }>
    for (const t of toxics) await this.remove(t.name)
  }

  /** Disabled: the listener is closed and open connections are cut; enabled again: it listens on the same port. */
  async setEnabled(enabled: boolean): Promise<void> {
    await this.#api.call('POST', `/proxies/${this.name}`, { enabled })
  }
}

/** A toxiproxy-server on a free loopback port, driven through its HTTP API. */
export class Toxiproxy {
  readonly #child: Child
  readonly #base: string

  private constructor(child: Child, port: number) {
    this.#child = child
    this.#base = `http://127.0.0.1:${port}`
  }

  static async start(binary: string): Promise<Toxiproxy> {
    const port = await freePort()
    const child = new Child('toxiproxy', binary, ['-host', '127.0.0.1', '-port', String(port)])
    try {
      await waitForPort(port, 15_000, 'toxiproxy-server')
    } catch (error) {
      await child.stop()
      throw new Error(`${(error as Error).message}\n${child.output}`)
    }
    return new Toxiproxy(child, port)
  }

  /** @internal One API call on its own connection (closed after it), so no socket outlives the call. */
  call(method: string, path: string, body?: unknown): Promise<unknown> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.#base}${path}`,
        {
          method,
          agent: false,
          headers: { connection: 'close', ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString()
            if ((res.statusCode ?? 500) >= 300) {
              reject(new Error(`toxiproxy ${method} ${path}: ${res.statusCode} ${text}`))
            } else resolve(text === '' ? undefined : JSON.parse(text))
          })
        },
      )
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** A proxy from a free loopback port to `upstream` (`host:port`). */
  async proxy(name: string, upstream: string): Promise<ToxiProxy> {
    const port = await freePort()
    await this.call('POST', '/proxies', { name, listen: `127.0.0.1:${port}`, upstream, enabled: true })
    return new ToxiProxy(this, name, port)
  }

  /** Enables every proxy and removes every toxic. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset')
  }

  async stop(): Promise<void> {
    await this.#child.stop()
  }
}
