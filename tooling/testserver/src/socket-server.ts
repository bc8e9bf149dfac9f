import { createServer, type Socket } from 'node:net'
import { closeServer, formatUrl, listen } from './listen.ts'
import { disposable, type RunningServer } from './types.ts'

/** A `node:net` server on 127.0.0.1: `connections` accepted so far, `sockets` still open. */
export type RunningSocketServer = RunningServer & { connections: number; sockets: Set<Socket> }

/**
 * Starts a `node:net` server on 127.0.0.1 port 0 that hands each accepted socket to `onSocket` and keeps track
 * of it; `close()` destroys the open sockets. The base of the raw and silent servers.
 *
 * @example
 * ```ts
 * await using server = await startSocketServer((socket) => socket.resetAndDestroy()) // a reset on connect
 * ```
 */
export async function startSocketServer(onSocket: (socket: Socket) => void): Promise<RunningSocketServer> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    running.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    onSocket(socket)
  })
  const port = await listen(server)
  const running: RunningSocketServer = disposable({
    url: formatUrl('http', '127.0.0.1', port),
    host: '127.0.0.1',
    port,
    connections: 0,
    sockets,
    close: () =>
      closeServer(server, () => {
        for (const socket of sockets) socket.destroy()
        sockets.clear()
      }),
  })
  return running
}
