// A resource server on 127.0.0.1: answers 200 to a request whose Bearer token is a valid, unexpired access token of
// the xstack realm (signature checked against Keycloak's JWKS), 401 otherwise. It records which tokens it saw.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRemoteJWKSet, jwtVerify } from 'jose'

export interface ApiServer {
  readonly url: string
  /** Distinct access tokens accepted since the last reset. */
  readonly tokens: Set<string>
  accepted: number
  rejected: number
  reset(): void
  close(): Promise<void>
}

export async function startApiServer(jwksUrl: string): Promise<ApiServer> {
  // Other suites rotate the realm's signing keys on the shared Keycloak: fetch the key set again as soon as a token
  // names a key it lacks (jose's default waits 30 s between fetches).
  const jwks = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 0 })
  const state = { tokens: new Set<string>(), accepted: 0, rejected: 0 }
  const server = createServer(async (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    try {
      if (!token) throw new Error('no token')
      await jwtVerify(token, jwks)
      state.tokens.add(token)
      state.accepted++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    } catch {
      state.rejected++
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' })
      res.end()
    }
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api`,
    get tokens() {
      return state.tokens
    },
    get accepted() {
      return state.accepted
    },
    set accepted(value) {
      state.accepted = value
    },
    get rejected() {
      return state.rejected
    },
    set rejected(value) {
      state.rejected = value
    },
    reset: () => {
      state.tokens.clear()
      state.accepted = 0
      state.rejected = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
