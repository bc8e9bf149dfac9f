/**
 * The machine's ceiling: node:net sockets writing pre-built request bytes and framing responses by
 * Content-Length (the bench server always sends one). No header objects, no decoding, no redirects.
 */
import net from 'node:net'
import type { ClientFactory, ClientInstance, RequestSpec } from './types.ts'

interface Pending {
  resolve(bytes: number): void
  reject(error: Error): void
}

const HEAD_END = Buffer.from('\r\n\r\n')

class RawConnection {
  readonly socket: net.Socket
  #pending: Pending | undefined
  #partial: Buffer | undefined
  #left = -1
  #status = 0
  #bytes = 0

  constructor(socket: net.Socket) {
    this.socket = socket
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.#onData(chunk))
    socket.on('error', (error) => this.#fail(error))
    socket.on('close', () => this.#fail(new Error('raw net: socket closed')))
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject }
      this.socket.write(request)
    })
  }

  #fail(error: Error) {
    const pending = this.#pending
    this.#pending = undefined
    pending?.reject(error)
  }

  #onData(input: Buffer) {
    let chunk = input
    let offset = 0
    while (offset < chunk.length) {
      if (this.#left < 0) {
        const buf =
          this.#partial === undefined
            ? chunk.subarray(offset)
            : Buffer.concat([this.#partial, chunk.subarray(offset)])
        const end = buf.indexOf(HEAD_END)
        if (end < 0) {
          this.#partial = Buffer.from(buf)
          return
        }
        this.#partial = undefined
        const head = buf.toString('latin1', 0, end).toLowerCase()
        this.#status = Number(head.slice(9, 12))
        const at = head.indexOf('content-length:')
        this.#left = at < 0 ? 0 : Number.parseInt(head.slice(at + 15), 10)
        this.#bytes = 0
        chunk = buf
        offset = end + 4
      }
      const take = Math.min(this.#left, chunk.length - offset)
      this.#left -= take
      this.#bytes += take
      offset += take
      if (this.#left === 0) this.#complete()
    }
  }

  #complete() {
    this.#left = -1
    const pending = this.#pending
    this.#pending = undefined
    if (this.#status === 200) pending?.resolve(this.#bytes)
    else pending?.reject(new Error(`raw net: HTTP ${this.#status}`))
  }
}

function buildRequest(spec: RequestSpec, host: string): Buffer {
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body)
  const lines = [`${spec.method} ${spec.path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive']
  if (body !== undefined) lines.push('content-type: application/json', `content-length: ${body.length}`)
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')
  return body === undefined ? head : Buffer.concat([head, body])
}

function connect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.off('error', reject)
      resolve(new RawConnection(socket))
    })
    socket.once('error', reject)
  })
}

export const rawNet: ClientFactory = {
  key: 'raw-net',
  name: 'raw node:net (ceiling)',
  ours: false,
  ceiling: true,
  async create(origin, connections): Promise<ClientInstance> {
    const url = new URL(origin)
    const port = Number(url.port)
    const free: RawConnection[] = []
    const all: RawConnection[] = []
    const acquire = async (): Promise<RawConnection> => {
      const conn = free.pop()
      if (conn !== undefined) return conn
      if (all.length >= connections) throw new Error('raw net: more callers than connections')
      const fresh = await connect(port)
      all.push(fresh)
      return fresh
    }
    const run = async (request: Buffer): Promise<number> => {
      const conn = await acquire()
      const bytes = await conn.send(request)
      free.push(conn)
      return bytes
    }
    return {
      prepare(spec) {
        if (spec.redirects === true) return undefined
        const request = buildRequest(spec, url.host)
        return () => run(request)
      },
      stream: (path) => run(buildRequest({ method: 'GET', path }, url.host)),
      close: async () => {
        for (const conn of all) conn.socket.destroy()
      },
    }
  },
}
