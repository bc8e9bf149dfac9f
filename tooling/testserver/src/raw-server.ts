import type { Socket } from 'node:net'
import { parseRequests } from './raw-request-parser.ts'
import { type RunningSocketServer, startSocketServer } from './socket-server.ts'
import type { RawRequest } from './types.ts'

export type RunningRawServer = RunningSocketServer & { requests: number }

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
  const running: RunningRawServer = Object.assign(
    await startSocketServer((socket) => {
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
    }),
    { requests: 0 },
  )
  return running
}
