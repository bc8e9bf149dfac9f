// Issue 12 item 3 (a failed renewal inside the leeway keeps the valid token; backoff, no storm) and issue 14's
// error model inside renewals (the token endpoint unreachable is a ConnectionError / Timeout of @x/requests).
import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ConnectionError, Timeout } from '@x/requests'
import { startSilentServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { OAuth2Session, OAuth2Token, OAuthError, OAuthRequestError } from '../src/index.js'
import { json } from './helpers/scripted-server.js'

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  )

/**
 * A token endpoint that can go down: while `down`, every connection is reset as soon as it is accepted (counted
 * in `refused`); while up, it issues tokens (counted in `issued`). A resource server accepts the tokens issued
 * plus those the test declares valid.
 */
async function startFlakyIdp() {
  const valid = new Set<string>()
  const state = { down: true, refused: 0, issued: 0 }
  const sockets = new Set<Socket>()
  let n = 0
  const idp = createHttpServer((_req, res) => {
    const access_token = `fresh-${++n}`
    valid.add(access_token)
    state.issued++
    json(res, 200, { access_token, token_type: 'Bearer', expires_in: 300 })
  })
  idp.on('connection', (socket: Socket) => {
    if (!state.down) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      return
    }
    state.refused++
    socket.resetAndDestroy()
  })
  const api = createHttpServer((req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? ''
    if (valid.has(token)) json(res, 200, { token })
    else json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' })
  })
  const [idpPort, apiPort] = await Promise.all([listen(idp), listen(api)])
  return {
    state,
    valid,
    tokenUrl: `http://127.0.0.1:${idpPort}/token`,
    apiUrl: `http://127.0.0.1:${apiPort}/api`,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy()
      await Promise.all([new Promise((r) => idp.close(r)), new Promise((r) => api.close(r))])
    },
  }
}

/** A client-credentials token that expires `seconds` from now (lifetime 300 s: the 60 s leeway applies). */
const expiringIn = (idp: { valid: Set<string> }, seconds: number) => {
  idp.valid.add('old')
  return new OAuth2Token({
    access_token: 'old',
    token_type: 'Bearer',
    expires_in: 300,
    expires_at: Date.now() / 1000 + seconds,
  })
}

/** The client-credentials client 'svc' of `idp`, holding a token that expires `seconds` from now. */
function svcSession(idp: { tokenUrl: string; valid: Set<string> }, seconds: number) {
  return new OAuth2Session({
    clientId: 'svc',
    clientSecret: 's',
    tokenEndpoint: idp.tokenUrl,
    grantType: 'client_credentials',
    token: expiringIn(idp, seconds),
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a failed renewal inside the leeway window (issue 12 item 3)', () => {
  test('with the token endpoint down, requests keep the valid token, renewal backs off, and recovers', async () => {
    await using idp = await startFlakyIdp()
    await using client = svcSession(idp, 4.5)
    // 100 requests at once with 4.5 s of validity left: all succeed, one renewal attempt between them.
    const burst = await Promise.all(Array.from({ length: 100 }, () => client.get(idp.apiUrl)))
    expect(burst.map((r) => r.statusCode)).toEqual(Array(100).fill(200))
    expect(idp.state.refused).toBe(1)
    expect(client.renewalFailures).toBe(1)
    // Then a steady stream for 1.8 s: every request succeeds with the old token, and the renewal is retried
    // after a backoff (first wait 0.5-1 s, then 1-2 s), not once per request.
    for (let i = 0; i < 18; i++) {
      const rs = await Promise.all(Array.from({ length: 5 }, () => client.get(idp.apiUrl)))
      expect(rs.map((r) => r.json<{ token: string }>().token)).toEqual(Array(5).fill('old'))
      await sleep(100)
    }
    expect(idp.state.refused).toBeGreaterThanOrEqual(2)
    expect(idp.state.refused).toBeLessThanOrEqual(3)
    expect(idp.state.issued).toBe(0)
    // The endpoint comes back: the next attempt (at the latest when the old token expires) renews it.
    idp.state.down = false
    let token = 'old'
    const deadline = Date.now() + 6_000
    while (token === 'old' && Date.now() < deadline) {
      const r = await client.get(idp.apiUrl)
      expect(r.statusCode).toBe(200)
      token = r.json<{ token: string }>().token
      await sleep(50)
    }
    expect(token).toMatch(/^fresh-/)
    expect(idp.state.issued).toBe(1)
    expect(client.token?.access_token).toBe(token)
    expect(client.renewalFailures).toBe(0)
  }, 15_000)

  test('an expired token with the endpoint down fails with a typed error, and the backoff spares the endpoint', async () => {
    await using idp = await startFlakyIdp()
    await using client = svcSession(idp, -1)
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.get(idp.apiUrl)))
    const again = await client.get(idp.apiUrl).catch((e: unknown) => e)
    for (const result of results) expect(result.status).toBe('rejected')
    const error = (results[0] as PromiseRejectedResult).reason
    expect(error).toBeInstanceOf(OAuthRequestError)
    expect(error).toBeInstanceOf(OAuthError)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as Error).cause).toBeInstanceOf(ConnectionError)
    expect(again).toBe(error) // within the backoff: the last attempt's error, no new attempt
    expect(idp.state.refused).toBe(1)
    expect(idp.state.issued).toBe(0)
  })

  test('a 503 from the token endpoint inside the window is a failed renewal too; invalid_grant is not retried', async () => {
    let answer: 'unavailable' | 'invalid_grant' = 'unavailable'
    let calls = 0
    await using idp = createHttpServer((_req, res) => {
      calls++
      if (answer === 'unavailable') res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>busy</h1>')
      else json(res, 400, { error: 'invalid_grant', error_description: 'Session not active' })
    })
    await using api = createHttpServer((_req, res) => json(res, 200, {}))
    const [idpPort, apiPort] = await Promise.all([listen(idp), listen(api)])
    const apiUrl = `http://127.0.0.1:${apiPort}/api`
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: `http://127.0.0.1:${idpPort}/token`,
      token: { ...expiringIn({ valid: new Set() }, 30).toJSON(), refresh_token: 'rt' },
    })
    const rs = await Promise.all(Array.from({ length: 20 }, () => client.get(apiUrl)))
    expect(rs.every((r) => r.statusCode === 200)).toBe(true)
    expect(calls).toBe(1)
    expect(client.renewalFailures).toBe(1)
    expect(client.token?.access_token).toBe('old')
    // The refresh token is refused: the session's token is cleared and the error thrown, as outside the window.
    answer = 'invalid_grant'
    await expect(client.ensureActiveToken(true)).rejects.toMatchObject({ error: 'invalid_grant' })
    expect(client.token).toBeUndefined()
  })

  test('a forced renewal (ensureActiveToken(true)) still reports the failure', async () => {
    await using idp = await startFlakyIdp()
    await using client = svcSession(idp, 200)
    await expect(client.ensureActiveToken(true)).rejects.toBeInstanceOf(ConnectionError)
    expect(client.token?.access_token).toBe('old')
  })
})

describe('network failures during a silent renewal are @x/requests errors too (issue 14)', () => {
  test('a token endpoint that never answers: the renewal is a Timeout (and an OAuthError) with its cause', async () => {
    await using silent = await startSilentServer()
    const { port } = silent
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: `http://127.0.0.1:${port}/token`,
      grantType: 'client_credentials',
      timeout: 200,
      token: new OAuth2Token({ access_token: 'old', expires_at: Date.now() / 1000 - 1 }),
    })
    const error = await client.get(`http://127.0.0.1:${port}/api`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Timeout)
    expect(error).toBeInstanceOf(OAuthRequestError)
    expect((error as Error).cause).toBeInstanceOf(Timeout)
    expect(silent.connections).toBe(1)
  })

  test('an OAuth error answered by the server is not a ConnectionError', async () => {
    await using idp = createHttpServer((_req, res) => json(res, 400, { error: 'invalid_client' }))
    const port = await listen(idp)
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      grantType: 'client_credentials',
    })
    const error = await client.fetchToken(`http://127.0.0.1:${port}/token`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OAuthError)
    expect(error).not.toBeInstanceOf(ConnectionError)
    expect(error).not.toBeInstanceOf(OAuthRequestError)
  })
})
