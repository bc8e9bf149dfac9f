import type { Server } from 'node:net'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** Throws unless `host` is a loopback address: these servers never listen anywhere else. */
export function assertLoopback(host: string): void {
  if (!LOOPBACK.has(host)) {
    const error = new TypeError(`"options.host" must be one of 127.0.0.1, localhost, ::1 (got ${host})`)
    Object.assign(error, { code: 'ERR_INVALID_ARG_VALUE' })
    throw error
  }
}

/** Listens on `host` port 0 and resolves with the port the system chose. */
export function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  assertLoopback(host)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port: 0 }, () => {
      server.off('error', reject)
      const address = server.address()
      if (address === null || typeof address === 'string') {
        reject(new Error('server has no TCP address'))
        return
      }
      resolve(address.port)
    })
  })
}

export function formatUrl(scheme: 'http' | 'https', host: string, port: number): string {
  const hostname = host.includes(':') ? `[${host}]` : host
  return `${scheme}://${hostname}:${port}`
}

/** Resolves once the server stopped listening; `beforeClose` destroys the connections it tracks. */
export function closeServer(server: Server, beforeClose?: () => void): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      beforeClose?.()
      resolve()
      return
    }
    server.close(() => resolve())
    beforeClose?.()
  })
}
