import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { connect } from 'node:net'

/** A port the OS had free on 127.0.0.1 a moment ago (the tools bind it themselves, so there is a small race). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Resolves once something accepts connections on 127.0.0.1:port, or throws after `ms`. */
export async function waitForPort(port: number, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await sleep(50)
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${ms} ms`)
}
