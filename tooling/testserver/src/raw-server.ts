import { disposable } from './types.ts'
import { createServer, type Socket } from 'node:net'
import { closeServer, formatUrl, listen } from './listen.ts'
import { parseRequests } from './raw-request-parser.ts'
import type { RawRequest, RunningServer } from './types.ts'

export type RunningRawServer = RunningServer & { connections: number; requests: number; sockets: Set<Socket> }

/**
 * Starts a raw `node:net` server: for each request head (and body) read, `onRequest` gets the socket and writes
 * exactly the bytes the test wants (or nothing, or destroys it). Several requests on one socket are parsed in
 * order, so keep-alive and pipelining can be scripted too.
 *
 * @example
 * ```ts
 * const raw = await startRawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort'))
 * // a client reading raw.url sees a truncated body
 * await raw.close()
 * ```
 */
export async function startRawServer(
  onRequest: (socket: Socket, request: RawRequest) => void,
): Promise<RunningRawServer> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    running.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let pending: Buffer = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      let parsed: ReturnType<typeof parseRequests>
      try {
        parsed = parseRequests(pending)
      } catch {
        socket.destroy()
        return
      }
      pending = parsed.rest
      for (const request of parsed.requests) {
        running.requests++
        if (socket.destroyed) return
        onRequest(socket, request)
      }
    })
  })
  const port = await listen(server)
  const running: RunningRawServer = disposable({
    url: formatUrl('http', '127.0.0.1', port),
    host: '127.0.0.1',
    port,
    connections: 0,
    requests: 0,
    sockets,
    close: () =>
      closeServer(server, () => {
        for (const socket of sockets) socket.destroy()
        sockets.clear()
      }),
  })
  return running
}
