// Ports for tools that bind a port themselves (Keycloak, redis-server, nginx, squid, toxiproxy): the tooling
// packages share these rather than each keeping a copy.
import { connect, createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

const HOST = '127.0.0.1'

/** A port the OS had free on 127.0.0.1 a moment ago (the tool binds it itself, so there is a small race). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Whether something already listens on 127.0.0.1:port. */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(true))
    server.listen(port, HOST, () => server.close(() => resolve(false)))
  })
}

/** Resolves once something accepts connections on 127.0.0.1:port, or throws after `ms`. */
export async function waitForPort(port: number, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, HOST)
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await sleep(50)
  }
  throw new Error(`${what} did not listen on ${HOST}:${port} within ${ms} ms`)
}
