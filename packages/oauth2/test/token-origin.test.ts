// Regression: the session's token reached origins it was not attached for. (1) A 401 invalid_token from a
// request that carried no token of ours (a foreign redirect target) renewed the token and re-sent the request
// with it. (2) With tokenPlacement "body" (or "uri"), a 307/308 to another origin carried access_token along.
import { CaseInsensitiveDict, type HookContext, PreparedRequest, type Response } from '@x/requests'
import { describe, expect, test, vi } from 'vitest'
import { OAuth2Session, OAuth2Token, OAuth2TokenAuth } from '../src/index.js'
import type { TokenSource } from '../src/token-auth.js'
import { startScriptedServer } from './helpers/scripted-server.js'
import { startTokenServer } from './helpers/token-server.js'

/** A session that ignores the proxy environment. */
function session(options: ConstructorParameters<typeof OAuth2Session>[0]): OAuth2Session {
  return new OAuth2Session({ trustEnv: false, ...options })
}
const rejectToken = (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"', 'content-length': 0 }).end()
}
const redirectTo =
  (location: () => string, status = 307) =>
  (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(status, { location: location(), 'content-length': 0 }).end()
  }

describe('a 401 invalid_token renews the token only when the rejected request carried it', () => {
  function unauthorized(request: PreparedRequest): Response {
    const headers = new CaseInsensitiveDict()
    headers.set('WWW-Authenticate', 'Bearer error="invalid_token"')
    return { statusCode: 401, headers, request } as unknown as Response
  }
  function source(placement: TokenSource['placement']) {
    const token = new OAuth2Token({ access_token: 'at-1', token_type: 'Bearer', expires_in: 300 })
    return {
      placement,
      dpop: undefined,
      current: () => token,
      header: () => 'Bearer at-1',
      owns: (t: string) => t === 'at-1',
      renewAfterRejection: vi.fn(async () => true),
    } satisfies TokenSource
  }

  test.each(['header', 'uri', 'body'] as const)(
    '%s: a request without the token (a foreign redirect hop) is neither renewed for nor retried',
    async (placement) => {
      const src = source(placement)
      const auth = new OAuth2TokenAuth(src)
      const hop = new PreparedRequest()
      await hop.prepare({ method: 'POST', url: 'http://127.0.0.1:9/landing', data: 'x=1' })
      const send = vi.fn()
      const context = { send, session: undefined } as unknown as HookContext
      expect(await auth.handleResponse(unauthorized(hop), context)).toBeUndefined()
      expect(src.renewAfterRejection).not.toHaveBeenCalled()
      expect(send).not.toHaveBeenCalled()
    },
  )

  test('a header with somebody else’s token is not ours to renew', async () => {
    const src = source('header')
    const auth = new OAuth2TokenAuth(src)
    const request = new PreparedRequest()
    await request.prepare({
      method: 'GET',
      url: 'http://127.0.0.1:9/',
      headers: { authorization: 'Basic dTpw' },
    })
    const send = vi.fn()
    await auth.handleResponse(unauthorized(request), { send } as unknown as HookContext)
    expect(src.renewAfterRejection).not.toHaveBeenCalled()
    expect(send).not.toHaveBeenCalled()
  })

  test('a foreign redirect target answering 401 invalid_token gets no token, renewed or not', async () => {
    await using server = await startTokenServer()
    await using b = await startScriptedServer({ '/landing': rejectToken })
    await using a = await startScriptedServer({ '/start': redirectTo(() => `${b.url}/landing`, 302) })
    await using client = session({ clientId: 'app', tokenEndpoint: server.tokenUrl, token: server.issue() })
    const r = await client.get(`${a.url}/start`)
    expect(r.statusCode).toBe(401)
    expect(b.requests.map((q) => q.headers.authorization)).toEqual([undefined])
    expect(server.grants.size).toBe(0)
  })

  test('uri: a same-origin hop that dropped the token is not a reason to renew', async () => {
    await using server = await startTokenServer()
    await using api = await startScriptedServer({ '/landing': rejectToken })
    api.routes.set(
      '/start',
      redirectTo(() => `${api.url}/landing`, 302),
    )
    await using client = session({
      clientId: 'app',
      tokenEndpoint: server.tokenUrl,
      token: server.issue(),
      tokenPlacement: 'uri',
    })
    expect((await client.get(`${api.url}/start`)).statusCode).toBe(401)
    expect(server.grants.size).toBe(0)
    expect(api.requests.map((q) => q.query.get('access_token'))).toEqual([client.token!.access_token, null])
  })

  test('control: the request that carried the token is renewed for and retried once', async () => {
    await using server = await startTokenServer()
    const first = server.issue()
    await using client = session({ clientId: 'app', tokenEndpoint: server.tokenUrl, token: first })
    server.valid.delete(first.access_token)
    const r = await client.get(server.resourceUrl)
    expect(r.statusCode).toBe(200)
    expect(server.grants.get('refresh_token')).toBe(1)
  })
})

describe('tokenPlacement "body" / "uri": a redirect to another origin is followed without the token', () => {
  test('body: a 307 to another origin keeps the form but not access_token', async () => {
    await using b = await startScriptedServer({
      '/landing': (_req, res) => {
        res.writeHead(200).end('ok')
      },
    })
    await using a = await startScriptedServer({ '/start': redirectTo(() => `${b.url}/landing`) })
    await using client = session({
      clientId: 'app',
      token: { access_token: 'body-token', token_type: 'Bearer', expires_in: 300 },
      tokenPlacement: 'body',
    })
    const r = await client.post(`${a.url}/start`, {
      data: 'x=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(r.statusCode).toBe(200)
    expect(a.requests[0]!.form.get('access_token')).toBe('body-token')
    expect(b.requests).toHaveLength(1)
    expect(b.requests[0]!.body).toBe('x=1')
    expect(b.requests[0]!.headers['content-length']).toBe('3')
  })

  test('body: a 308 on the same origin keeps the token', async () => {
    await using a = await startScriptedServer({
      '/landing': (_req, res) => {
        res.writeHead(200).end('ok')
      },
    })
    a.routes.set(
      '/start',
      redirectTo(() => `${a.url}/landing`, 308),
    )
    await using client = session({
      clientId: 'app',
      token: { access_token: 'body-token', token_type: 'Bearer', expires_in: 300 },
      tokenPlacement: 'body',
    })
    await client.post(`${a.url}/start`, { data: 'x=1' })
    expect(a.requests.map((q) => q.form.get('access_token'))).toEqual(['body-token', 'body-token'])
  })

  test('uri: a Location that echoes the query to another origin loses access_token', async () => {
    await using b = await startScriptedServer({
      '/landing': (_req, res) => {
        res.writeHead(200).end('ok')
      },
    })
    await using a = await startScriptedServer({
      '/start': (req, res) => {
        res.writeHead(307, { location: `${b.url}/landing?${req.query}`, 'content-length': 0 }).end()
      },
    })
    await using client = session({
      clientId: 'app',
      token: { access_token: 'uri-token', token_type: 'Bearer', expires_in: 300 },
      tokenPlacement: 'uri',
    })
    const r = await client.get(`${a.url}/start?page=2`)
    expect(r.statusCode).toBe(200)
    expect(a.requests[0]!.query.get('access_token')).toBe('uri-token')
    expect(b.requests[0]!.query.get('access_token')).toBeNull()
    expect(b.requests[0]!.query.get('page')).toBe('2')
  })
})
