import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * The origin behind nginx: counts requests by their `Idempotency-Key` header, so a test sees exactly how many
 * times each logical request reached it (retries and duplicates included).
 *
 * Paths: `/{cl|chunked}/{bytes}` answer `bytes` bytes framed by Content-Length or chunked (nginx turns chunked
 * into a close-delimited body under `/close/`). Query: `head=ms` waits before the head, `stall=bytes&ms=ms`
 * sends `bytes` bytes at once and the rest `ms` later. Request bodies are read and counted in `bodyBytes`.
 */
export class Origin {
  readonly #server = createServer((req, res) => this.#handle(req, res))
  readonly #sockets = new Set<Socket>()
  readonly seen = new Map<string, number>()
  /**
   * Headers of the last request per key, when `keepHeaders` (for checks such as "no proxy credentials reached the
   * origin"); off by default so that a soak measures the client's heap, not these.
   */
  readonly headers = new Map<string, IncomingMessage['headers']>()
  keepHeaders = false
  requests = 0
  port = 0

  static async start(): Promise<Origin> {
    const origin = new Origin()
    origin.#server.keepAliveTimeout = 60_000
    origin.#server.on('connection', (socket) => {
      origin.#sockets.add(socket)
      socket.on('close', () => origin.#sockets.delete(socket))
    })
    origin.#server.listen(0, '127.0.0.1')
    await once(origin.#server, 'listening')
    origin.port = (origin.#server.address() as AddressInfo).port
    return origin
  }

  /** Connections from nginx currently open (file descriptors of this process that are not the client's). */
  get openSockets(): number {
    return this.#sockets.size
  }

  /** How many times the request with this idempotency key arrived. */
  count(key: string): number {
    return this.seen.get(key) ?? 0
  }

  /** Keys that arrived more than once. */
  duplicates(): string[] {
    return [...this.seen].filter(([, n]) => n > 1).map(([key]) => key)
  }

  reset(): void {
    this.seen.clear()
    this.headers.clear()
    this.requests = 0
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests++
    const key = req.headers['idempotency-key']
    if (typeof key === 'string') {
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1)
      if (this.keepHeaders) this.headers.set(key, req.headers)
    }
    req.resume()
    req.on('end', () => this.#answer(req, res))
  }

  #answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://origin')
    const [, framing = 'cl', size = '16'] = url.pathname.split('/')
    const bytes = Math.max(0, Number(size) || 0)
    const body = Buffer.alloc(bytes, 'x')
    const head = Number(url.searchParams.get('head') ?? 0)
    const stall = Number(url.searchParams.get('stall') ?? -1)
    const stallMs = Number(url.searchParams.get('ms') ?? 0)
    const send = () => {
      if (res.destroyed) return
      res.statusCode = 200
      res.setHeader('content-type', 'application/octet-stream')
      if (framing === 'cl') res.setHeader('content-length', bytes)
      if (stall < 0) {
        // end(body) alone would add a Content-Length: write first, so that chunked stays chunked.
        if (framing === 'cl') res.end(body)
        else res.write(body, () => res.end())
        return
      }
      res.flushHeaders()
      res.write(body.subarray(0, stall))
      setTimeout(() => {
        if (!res.destroyed) res.end(body.subarray(stall))
      }, stallMs).unref()
    }
    if (head > 0) setTimeout(send, head).unref()
    else send()
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
