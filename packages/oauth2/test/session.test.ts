import { createServer } from 'node:net'
import { inspect } from 'node:util'
import { describe, expect, test, vi } from 'vitest'
import {
  InvalidResponseError,
  InvalidTokenError,
  MissingTokenError,
  OAuth2Session,
  OAuth2Token,
  OAuthError,
  OAuthRequestError,
  StateMismatchError,
} from '../src/index.js'
import { json } from './helpers/scripted-server.js'
import { startTokenServer, type TokenServer } from './helpers/token-server.js'

const expired = (server: TokenServer, extra: Record<string, unknown> = {}) =>
  new OAuth2Token({ ...server.issue(), expires_at: Math.floor(Date.now() / 1000) - 5, ...extra })

describe('the seed: password grant, then a refresh the server refuses', () => {
  test('fetchToken with the password grant, then invalid_grant: Session not active', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({ clientId: 'admin-cli' })
    const token = await client.fetchToken(server.tokenUrl, {
      username: 'admin',
      password: 'admin',
      grantType: 'password',
    })
    const sent = server.requests.at(-1)!.form
    expect(Object.fromEntries(sent)).toEqual({
      grant_type: 'password',
      username: 'admin',
      password: 'admin',
      client_id: 'admin-cli',
    })
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 300 })
    expect(token.expires_at).toBeGreaterThan(Date.now() / 1000)
    expect(client.token).toBe(token)

    server.script.push((_req, res) =>
      json(res, 400, { error: 'invalid_grant', error_description: 'Session not active' }),
    )
    const error = await client
      .fetchToken(server.tokenUrl, { grantType: 'refresh_token', refreshToken: token.refresh_token })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OAuthError)
    expect(String(error)).toContain('invalid_grant: Session not active')
    expect(error).toMatchObject({ error: 'invalid_grant', description: 'Session not active', status: 400 })
    expect(server.requests.at(-1)!.form.get('refresh_token')).toBe(token.refresh_token)
    // The refused refresh cleared the token: requests fail fast instead of looping.
    expect(client.token).toBeUndefined()
    await expect(client.get(server.resourceUrl)).rejects.toBeInstanceOf(MissingTokenError)
    expect(server.grants.get('refresh_token')).toBe(1)
  })
})

describe('requests carry the token', () => {
  test('in the Authorization header by default; withholdToken and an explicit auth send none', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 'secret' })
    const token = await client.fetchToken(server.tokenUrl)
    expect(server.grants.get('client_credentials')).toBe(1)
    const r = await client.get(server.resourceUrl)
    expect(r.json()).toMatchObject({ token: token.access_token })
    expect((await client.get(server.resourceUrl, { withholdToken: true })).statusCode).toBe(401)
    expect((await client.get(server.resourceUrl, { auth: ['u', 'p'] })).statusCode).toBe(401)
  })

  test('in the query or the form body on request', async () => {
    await using server = await startTokenServer()
    await using uri = new OAuth2Session({ clientId: 'c', tokenPlacement: 'uri', token: server.issue() })
    const r = await uri.get(`${server.resourceUrl}?a=1`)
    expect(r.json()).toMatchObject({ query: { a: '1', access_token: uri.token!.access_token } })
    await using body = new OAuth2Session({ clientId: 'c', tokenPlacement: 'body', token: server.issue() })
    const p = await body.post(server.resourceUrl, { data: { x: 'y' } })
    expect(new URLSearchParams(p.json<{ body: string }>().body).get('access_token')).toBe(
      body.token!.access_token,
    )
    expect(new URLSearchParams(p.json<{ body: string }>().body).get('x')).toBe('y')
  })

  test('without a token a request is a MissingTokenError', async () => {
    await using server = await startTokenServer()
    await using anonymous = new OAuth2Session({ clientId: 'c' })
    const e = await anonymous.get(server.resourceUrl).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(MissingTokenError)
    expect(server.hits.get('/resource')).toBeUndefined()
  })
})

describe('renewal', () => {
  test.each([50, 1000])(
    '%i concurrent requests on an expired token make exactly one refresh call',
    async (n) => {
      await using server = await startTokenServer({ delay: 30 })
      const updates: string[] = []
      await using client = new OAuth2Session({
        clientId: 'app',
        tokenEndpoint: undefined,
        updateToken: (t, ctx) => {
          updates.push(`${t.access_token}<-${ctx.refreshToken}`)
        },
      })
      client.token = expired(server)
      client.tokenEndpoint = server.tokenUrl
      const old = client.token!
      const responses = await Promise.all(Array.from({ length: n }, () => client.get(server.resourceUrl)))
      expect(responses.every((r) => r.statusCode === 200)).toBe(true)
      expect(server.grants.get('refresh_token')).toBe(1)
      expect(new Set(responses.map((r) => r.json<{ token: string }>().token)).size).toBe(1)
      expect(client.token!.access_token).not.toBe(old.access_token)
      expect(updates).toEqual([`${client.token!.access_token}<-${old.refresh_token}`])
    },
  )

  test('a failing refresh is shared by every waiting request, clears the token, and is not retried', async () => {
    await using server = await startTokenServer({ delay: 20 })
    server.script.push((_req, res) =>
      json(res, 400, { error: 'invalid_grant', error_description: 'Session not active' }),
    )
    await using client = new OAuth2Session({ clientId: 'app', tokenEndpoint: server.tokenUrl })
    client.token = expired(server)
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.get(server.resourceUrl)))
    const reasons = new Set(results.map((r) => (r.status === 'rejected' ? r.reason : 'fulfilled')))
    expect(reasons.size).toBe(1)
    const [reason] = reasons
    expect(reason).toBeInstanceOf(OAuthError)
    expect(String(reason)).toContain('invalid_grant: Session not active')
    expect(server.grants.get('refresh_token')).toBe(1)
    expect(server.hits.get('/resource')).toBeUndefined()
    expect(client.token).toBeUndefined()
  })

  test('client_credentials without a refresh token re-authenticates', async () => {
    await using server = await startTokenServer({ refresh: false })
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's' })
    await client.fetchToken(server.tokenUrl, { grantType: 'client_credentials' })
    client.token = expired(server, { refresh_token: undefined })
    const r = await client.get(server.resourceUrl)
    expect(r.statusCode).toBe(200)
    expect(server.grants.get('client_credentials')).toBe(2)
    expect(server.grants.get('refresh_token')).toBeUndefined()
  })

  test('an expired token that cannot be renewed is an InvalidTokenError', async () => {
    await using server = await startTokenServer({ refresh: false })
    await using client = new OAuth2Session({
      clientId: 'c',
      token: expired(server, { refresh_token: undefined }),
    })
    await expect(client.get(server.resourceUrl)).rejects.toBeInstanceOf(InvalidTokenError)
  })

  test('a refresh response without refresh_token keeps the old one', async () => {
    await using server = await startTokenServer()
    server.script.push((_req, res) =>
      json(res, 200, { access_token: 'new-at', token_type: 'Bearer', expires_in: 300 }),
    )
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: { access_token: 'x', refresh_token: 'keep-me' },
    })
    const token = await client.refreshToken()
    expect(token).toMatchObject({ access_token: 'new-at', refresh_token: 'keep-me' })
  })

  test('the leeway is clamped for very short-lived tokens (no refresh on every request)', async () => {
    await using server = await startTokenServer({ expiresIn: 20 })
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's' })
    await client.fetchToken(server.tokenUrl)
    await client.get(server.resourceUrl)
    await client.get(server.resourceUrl)
    expect(server.grants.get('client_credentials')).toBe(1)
    expect(server.grants.get('refresh_token')).toBeUndefined()
  })

  test('the token is renewed before expiry, within the leeway', async () => {
    await using server = await startTokenServer({ expiresIn: 3600 })
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's', leeway: 120_000 })
    await client.fetchToken(server.tokenUrl)
    client.token = {
      ...client.token!.toJSON(),
      expires_in: undefined,
      expires_at: Math.floor(Date.now() / 1000) + 100,
    }
    await client.get(server.resourceUrl)
    expect(server.grants.get('refresh_token')).toBe(1)
  })

  test('a 401 invalid_token renews once and retries once; a second 401 is returned, not looped', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: server.issue(),
    })
    server.valid.delete(client.token!.access_token) // revoked on the server, still fresh locally
    const r = await client.get(server.resourceUrl)
    expect(r.statusCode).toBe(200)
    expect(server.grants.get('refresh_token')).toBe(1)
    expect(server.hits.get('/resource')).toBe(2)

    server.routes.set('/always-401', (_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' })
      res.end()
    })
    const denied = await client.get(`${server.url}/always-401`)
    expect(denied.statusCode).toBe(401)
    expect(server.hits.get('/always-401')).toBe(2)
    expect(server.grants.get('refresh_token')).toBe(2)
  })

  test('50 concurrent 401 invalid_token answers share one refresh, then each request is retried once', async () => {
    await using server = await startTokenServer({ delay: 20 })
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: server.issue(),
    })
    server.valid.delete(client.token!.access_token)
    const responses = await Promise.all(Array.from({ length: 50 }, () => client.get(server.resourceUrl)))
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200))
    expect(server.grants.get('refresh_token')).toBe(1)
    expect(server.hits.get('/resource')).toBe(100)
  })

  test('a refresh refused after a 401 surfaces the OAuthError and clears the token', async () => {
    await using server = await startTokenServer()
    server.script.push((_req, res) =>
      json(res, 400, { error: 'invalid_grant', error_description: 'Session not active' }),
    )
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: server.issue(),
    })
    server.valid.delete(client.token!.access_token)
    const e = await client.get(server.resourceUrl).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(OAuthError)
    expect(String(e)).toContain('invalid_grant: Session not active')
    expect(client.token).toBeUndefined()
    await expect(client.get(server.resourceUrl)).rejects.toBeInstanceOf(MissingTokenError)
    expect(server.grants.get('refresh_token')).toBe(1)
    expect(server.hits.get('/resource')).toBe(1)
  })

  test('a 401 without invalid_token is returned as is', async () => {
    await using server = await startTokenServer()
    server.routes.set('/plain-401', (_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' })
      res.end()
    })
    await using client = new OAuth2Session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: server.issue(),
    })
    expect((await client.get(`${server.url}/plain-401`)).statusCode).toBe(401)
    expect(server.grants.size).toBe(0)
  })
})

describe('authorization code', () => {
  test('a state mismatch is refused before any network call', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({ clientId: 'app', redirectUri: 'http://127.0.0.1/cb' })
    const { state } = client.createAuthorizationUrl(`${server.url}/authorize`)
    expect(state).toBeTruthy()
    const e = await client
      .fetchToken(server.tokenUrl, { authorizationResponse: 'http://127.0.0.1/cb?code=abc&state=evil' })
      .catch((x) => x)
    expect(e).toBeInstanceOf(StateMismatchError)
    expect(server.requests).toHaveLength(0)
  })

  test('the remembered verifier and redirect URI are sent with the code', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({
      clientId: 'app',
      clientSecret: 'sec',
      redirectUri: 'http://127.0.0.1/cb',
      scope: 'api',
    })
    const request = client.createAuthorizationUrl(`${server.url}/authorize`)
    await client.fetchToken(server.tokenUrl, {
      authorizationResponse: `http://127.0.0.1/cb?code=the-code&state=${request.state}`,
    })
    const form = server.requests.at(-1)!.form
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'http://127.0.0.1/cb',
      code_verifier: request.codeVerifier,
    })
    expect(server.requests.at(-1)!.headers.authorization).toMatch(/^Basic /)
  })
})

describe('other grants', () => {
  test('token exchange and extension grants by URI send their parameters', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({
      clientId: 'app',
      clientSecret: 's',
      tokenEndpointAuthMethod: 'client_secret_post',
    })
    await client.exchangeToken(server.tokenUrl, {
      subjectToken: 'subject',
      subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'api',
      requestedTokenType: 'urn:ietf:params:oauth:token-type:refresh_token',
    })
    expect(Object.fromEntries(server.requests.at(-1)!.form)).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: 'subject',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'api',
      requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token',
      client_id: 'app',
      client_secret: 's',
    })
    await client.fetchToken(server.tokenUrl, {
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: 'a.b.c',
      scope: ['x', 'y'],
    })
    expect(Object.fromEntries(server.requests.at(-1)!.form)).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: 'a.b.c',
      scope: 'x y',
    })
  })
})

describe('failures and secrecy', () => {
  test('a refused connection is an OAuthRequestError with the @x/requests error as cause', async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as { port: number }).port
    await new Promise((r) => probe.close(r))
    await using anonymous = new OAuth2Session({ clientId: 'c' })
    const e = await anonymous.fetchToken(`http://127.0.0.1:${port}/token`).catch((x) => x)
    expect(e).toBeInstanceOf(OAuthRequestError)
    expect(e.code).toBe('ERR_OAUTH_REQUEST')
    expect(e.cause).toBeInstanceOf(Error)
  })

  test('HTML or a 5xx from the token endpoint is an InvalidResponseError with the status', async () => {
    await using server = await startTokenServer()
    server.script.push((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html><h1>502 Bad Gateway</h1></html>')
    })
    await using anonymous = new OAuth2Session({ clientId: 'c' })
    const e = await anonymous.fetchToken(server.tokenUrl).catch((x) => x)
    expect(e).toBeInstanceOf(InvalidResponseError)
    expect(e).toMatchObject({ status: 502, code: 'ERR_OAUTH_INVALID_RESPONSE' })
    expect(e.message).toContain('HTTP 502 (text/html)')
    expect(e.message).toContain('502 Bad Gateway')
    server.script.push((_req, res) => json(res, 400, { error: 'unsupported_grant_type' }))
    await using bareClient = new OAuth2Session({ clientId: 'c' })
    const bare = await bareClient.fetchToken(server.tokenUrl).catch((x) => x)
    expect(bare.message).toBe('unsupported_grant_type')
    expect(bare.description).toBeUndefined()
  })

  test('a 401 challenge without a body becomes the OAuthError it names', async () => {
    await using server = await startTokenServer()
    server.routes.set('/userinfo', (_req, res) => {
      res.writeHead(401, {
        'www-authenticate': 'Bearer error="insufficient_scope", error_description="needs openid"',
      })
      res.end()
    })
    await using client = new OAuth2Session({ clientId: 'c', token: server.issue() })
    const e = await client.userinfo(`${server.url}/userinfo`).catch((x) => x)
    expect(e).toBeInstanceOf(OAuthError)
    expect(e).toMatchObject({ error: 'insufficient_scope', description: 'needs openid', status: 401 })
  })

  test('inspect shows neither the secret nor the tokens', async () => {
    await using server = await startTokenServer()
    await using client = new OAuth2Session({ clientId: 'app', clientSecret: 'CLIENT-SECRET-1' })
    await client.fetchToken(server.tokenUrl, { username: 'u', password: 'PASSWORD-1' })
    const shown = inspect(client, { depth: 10 })
    expect(shown).toContain("clientId: 'app'")
    for (const secret of [
      'CLIENT-SECRET-1',
      'PASSWORD-1',
      client.token!.access_token,
      client.token!.refresh_token!,
    ]) {
      expect(shown).not.toContain(secret)
    }
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    console.log(client, client.token)
    expect(inspect(log.mock.calls)).not.toContain(client.token!.access_token)
    log.mockRestore()
  })

  test('invalid options throw a path-named TypeError at construction', () => {
    expect(() => new OAuth2Session({ clientId: 'a', leewy: 5 } as never)).toThrow(
      '"options.leewy" is not a known option',
    )
    expect(() => new OAuth2Session({ clientId: 'a', tokenPlacement: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
    )
  })
})
