import { inspect } from 'node:util'
import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { ClientCore } from '../src/client-core.js'
import { InvalidResponseError } from '../src/errors/invalid-response-error.js'
import { OAuthError } from '../src/errors/oauth-error.js'
import { fetchHttp } from './helpers/fetch-http.js'
import { json, startScriptedServer } from './helpers/scripted-server.js'

const test = serverTest(startScriptedServer)

const core = (secret = 's3cret') =>
  new ClientCore({ clientId: 'app', clientSecret: secret, http: fetchHttp() })
async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  try {
    await promise
  } catch (error) {
    return error as OAuthError
  }
  throw new Error('expected a rejection')
}

describe('token endpoint responses', () => {
  test('a valid response becomes an OAuth2Token', async ({ server }) => {
    server.routes.set('/ok', (_req, res) =>
      json(res, 200, {
        access_token: 'AT',
        token_type: 'bearer',
        expires_in: '300',
        refresh_expires_in: 1800,
      }),
    )
    const token = await core().requestToken(`${server.url}/ok`, { grant_type: 'client_credentials' })
    expect(token).toMatchObject({
      access_token: 'AT',
      token_type: 'bearer',
      expires_in: 300,
      refresh_expires_in: 1800,
    })
  })

  // The schemas run on zod/mini, which has no English default messages: each problem is named in the stack's
  // words, never a bare "Invalid input" (issue 11 item 4).
  test.for([
    [[1], 'invalid_response: the token endpoint answered with an invalid response: must be a JSON object'],
    [
      { token_type: 'Bearer' },
      'invalid_response: the token endpoint answered with an invalid response: "access_token" must be a non-empty string',
    ],
    [
      { access_token: 'AT', expires_in: -5 },
      'invalid_response: the token endpoint answered with an invalid response: "expires_in" must be a non-negative number of seconds',
    ],
    [
      { access_token: 'AT', scope: 5 },
      'invalid_response: the token endpoint answered with an invalid response: "scope" must be a string',
    ],
  ] as const)(
    'a token response %j of the wrong shape names the problem',
    async ([body, message], { server }) => {
      server.routes.set('/shape', (_req, res) => json(res, 200, body))
      const e = await failure(
        core().requestToken(`${server.url}/shape`, { grant_type: 'client_credentials' }),
      )
      expect(e).toBeInstanceOf(InvalidResponseError)
      expect(e.message).toBe(message)
    },
  )

  test('HTML with 200 is an InvalidResponseError with status and a short snippet', async ({ server }) => {
    server.routes.set('/html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<html><body>Login <b>here</b>${'x'.repeat(500)}</body></html>`)
    })
    const e = await failure(core().requestToken(`${server.url}/html`, { grant_type: 'client_credentials' }))
    expect(e).toBeInstanceOf(InvalidResponseError)
    expect(e.code).toBe('ERR_OAUTH_INVALID_RESPONSE')
    expect(e.status).toBe(200)
    expect(e.message).toContain('HTTP 200 (text/html)')
    expect(e.message).toContain('<html><body>Login')
    expect(e.message.length).toBeLessThan(260)
  })

  test('a 500 page is an InvalidResponseError whose snippet is redacted', async ({ server }) => {
    server.routes.set('/500', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(
        'Internal error while issuing access_token=SECRETVALUE refresh eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      )
    })
    const e = await failure(core().requestToken(`${server.url}/500`, { grant_type: 'client_credentials' }))
    expect(e).toBeInstanceOf(InvalidResponseError)
    expect(e.status).toBe(500)
    expect(e.message).toContain('HTTP 500')
    expect(e.message).not.toContain('SECRETVALUE')
    expect(e.message).not.toContain('eyJzdWIiOiIxIn0')
    expect(e.message).toContain('[REDACTED]')
  })

  test('a JSON OAuth error at any status is an OAuthError with the server words', async ({ server }) => {
    server.routes.set('/denied', (_req, res) =>
      json(res, 400, {
        error: 'invalid_grant',
        error_description: 'Session not active',
        error_uri: 'https://doc',
      }),
    )
    const e = await failure(
      core().requestToken(`${server.url}/denied`, { grant_type: 'refresh_token', refresh_token: 'RT' }),
    )
    expect(e.constructor).toBe(OAuthError)
    expect(String(e)).toContain('invalid_grant: Session not active')
    expect(e).toMatchObject({ error: 'invalid_grant', status: 400, uri: 'https://doc', code: 'ERR_OAUTH' })
    server.routes.set('/503', (_req, res) => json(res, 503, { error: 'temporarily_unavailable' }))
    const busy = await failure(core().requestToken(`${server.url}/503`, { grant_type: 'client_credentials' }))
    expect(busy).toMatchObject({ error: 'temporarily_unavailable', status: 503, description: undefined })
    expect(busy.message).toBe('temporarily_unavailable')
  })

  test('an error without a description prints the bare code', async ({ server }) => {
    server.routes.set('/bare', (_req, res) => json(res, 401, { error: 'invalid_client' }))
    const e = await failure(core().requestToken(`${server.url}/bare`, { grant_type: 'client_credentials' }))
    expect(e.message).toBe('invalid_client')
    expect(e.status).toBe(401)
  })

  test('JSON of the wrong shape is refused, naming the field, not the secrets', async ({ server }) => {
    server.routes.set('/shape', (_req, res) =>
      json(res, 200, { token_type: 'Bearer', refresh_token: 'RT-SECRET' }),
    )
    const e = await failure(core().requestToken(`${server.url}/shape`, { grant_type: 'client_credentials' }))
    expect(e).toBeInstanceOf(InvalidResponseError)
    expect(e.message).toContain('"access_token"')
    expect(e.message).not.toContain('RT-SECRET')
    server.routes.set('/4xx', (_req, res) => json(res, 403, { message: 'nope' }))
    const e2 = await failure(core().requestToken(`${server.url}/4xx`, { grant_type: 'client_credentials' }))
    expect(e2).toBeInstanceOf(InvalidResponseError)
    expect(e2.status).toBe(403)
  })

  test('secrets never reach messages or inspect output', async ({ server }) => {
    server.routes.set('/echo', (req, res) => json(res, 400, { error: 'invalid_request', echoed: req.body }))
    const e = await failure(
      core('CLIENT-SECRET-XYZ').requestToken(`${server.url}/echo`, {
        grant_type: 'password',
        password: 'PW-SECRET',
      }),
    )
    const shown = `${e.message} ${inspect(e)}`
    expect(shown).not.toContain('CLIENT-SECRET-XYZ')
    expect(shown).not.toContain('PW-SECRET')
  })
})

describe('client authentication on the wire', () => {
  test('client_secret_basic form-encodes id and secret before base64 (RFC 6749 §2.3.1)', async ({
    server,
  }) => {
    server.routes.set('/basic', (_req, res) => json(res, 200, { access_token: 'x' }))
    const c = new ClientCore({ clientId: 'my app', clientSecret: 'p@ss:w/rd+', http: fetchHttp() })
    expect(c.tokenEndpointAuthMethod).toBe('client_secret_basic')
    await c.requestToken(`${server.url}/basic`, { grant_type: 'client_credentials' })
    const req = server.requests.at(-1)!
    const decoded = Buffer.from(req.headers.authorization!.replace(/^Basic /, ''), 'base64').toString()
    expect(decoded).toBe('my+app:p%40ss%3Aw%2Frd%2B')
    expect(req.form.has('client_secret')).toBe(false)
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })

  test('none sends only client_id; a custom method registered by name is used', async ({ server }) => {
    server.routes.set('/none', (_req, res) => json(res, 200, { access_token: 'x' }))
    const pub = new ClientCore({ clientId: 'pub', http: fetchHttp() })
    expect(pub.tokenEndpointAuthMethod).toBe('none')
    await pub.requestToken(`${server.url}/none`, { grant_type: 'client_credentials' })
    expect(server.requests.at(-1)!.form.get('client_id')).toBe('pub')
    expect(server.requests.at(-1)!.headers.authorization).toBeUndefined()

    const custom = new ClientCore({
      clientId: 'c',
      clientSecret: 'k',
      tokenEndpointAuthMethod: 'api_key',
      http: fetchHttp(),
    })
    custom.authMethods.set('api_key', (ctx) => {
      ctx.headers['x-api-key'] = `${ctx.clientId}.${ctx.clientSecret}`
    })
    await custom.requestToken(`${server.url}/none`, { grant_type: 'client_credentials' })
    expect(server.requests.at(-1)!.headers['x-api-key']).toBe('c.k')
  })

  test('an unknown method name is a TypeError', async ({ server }) => {
    const c = new ClientCore({ clientId: 'c', tokenEndpointAuthMethod: 'nope', http: fetchHttp() })
    await expect(c.requestToken(`${server.url}/none`, {})).rejects.toThrow(
      /unknown client authentication method "nope"/,
    )
  })
})
