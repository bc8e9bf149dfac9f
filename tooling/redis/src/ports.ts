import { createServer } from 'node:net'

const HOST = '127.0.0.1'

/** A port the OS had free on 127.0.0.1 a moment ago (Keycloak binds it itself, so there is a small race). */
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
