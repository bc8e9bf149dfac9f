import { createServer, type Socket } from 'node:net'
import { closeServer, formatUrl, listen } from './listen.ts'
import { disposable, type RunningServer } from './types.ts'

export type RunningSilentServer = RunningServer & { connections: number; sockets: Set<Socket> }

/**
 * Starts a `node:net` server that accepts connections, reads what they send and never answers: a TLS handshake
 * or a response head that never comes. `sockets` holds the open connections; `close()` destroys them.
 *
 * @example
 * ```ts
 * await using silent = await startSilentServer()
 * // a request to `https://127.0.0.1:${silent.port}/` waits in its TLS handshake until a timeout or an abort
 * ```
 */
export async function startSilentServer(): Promise<RunningSilentServer> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    running.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.resume() // read (and ignore) what the client sends, so that its close is seen
  })
  const port = await listen(server)
  const running: RunningSilentServer = disposable({
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
