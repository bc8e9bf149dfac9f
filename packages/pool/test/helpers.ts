import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A node:http server on 127.0.0.1:0 that counts connections; `await using` closes it. */
export async function startHttp(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<
  AsyncDisposable & { url: string; server: Server; connections: () => number; close: () => Promise<void> }
> {
  let connections = 0
  const server = createServer(handler)
  server.on('connection', () => connections++)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const close = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    connections: () => connections,
    close,
    [Symbol.asyncDispose]: close,
  }
}

export interface Echo {
  args: Record<string, string>
  headers: Record<string, string>
  form: Record<string, string>
  files: Record<string, string>
  data: string
  json: unknown
  method: string
  url: string
}

/** Waits until `predicate` holds, polling each event-loop turn (no wall-clock assertions). */
export async function until(predicate: () => boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('condition never became true')
}
