import { type RunningSocketServer, startSocketServer } from './socket-server.ts'

export type RunningSilentServer = RunningSocketServer

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
export function startSilentServer(): Promise<RunningSilentServer> {
  // read (and ignore) what the client sends, so that its close is seen
  return startSocketServer((socket) => socket.resume())
}
