// Regression: with tokenPlacement "uri" the access token showed in the messages of errors raised for a
// resource request (a connection failure, raiseForStatus), which quote the request URL.
import { ConnectionError, HTTPError } from '@x/requests'
import { startSocketServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { OAuth2Session } from '../src/index.js'
import { startScriptedServer } from './helpers/scripted-server.js'

const TOKEN = 'uri-placed-access-token-8f3a1c'
function session(): OAuth2Session {
  return new OAuth2Session({
    clientId: 'app',
    trustEnv: false,
    tokenPlacement: 'uri',
    token: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300 },
  })
}

/**
 * The texts an error shows: message and stack, its causes' too. (Not inspect output: @x/pool's MaxRetryError
 * has an enumerable `url` that this layer leaves as it is; hiding it is @x/pool's part.)
 */
function texts(error: Error): string[] {
  const out = [error.message, error.stack ?? '']
  for (let c: unknown = error.cause; c instanceof Error; c = c.cause) out.push(c.message, c.stack ?? '')
  return out
}

describe('tokenPlacement "uri": the token stays out of error messages', () => {
  test('a connection reset: the requests error keeps its class and code, not the token', async () => {
    await using server = await startSocketServer((socket) => socket.resetAndDestroy())
    await using client = session()
    const error = await client
      .get(`http://127.0.0.1:${server.port}/resource?page=2`, { timeout: 5000 })
      .catch((e: Error) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    for (const text of texts(error as Error)) expect(text).not.toContain(TOKEN)
  })

  test('raiseForStatus after a 401: HTTPError without the token; the response itself is untouched', async () => {
    await using api = await startScriptedServer({
      '/resource': (_req, res) => {
        res.writeHead(403, { 'content-length': 0 }).end()
      },
    })
    await using client = session()
    const r = await client.get(`${api.url}/resource?page=2`)
    expect(api.requests[0]!.query.get('access_token')).toBe(TOKEN)
    expect(r.url).toContain(TOKEN)
    const error = (() => {
      try {
        r.raiseForStatus()
      } catch (e) {
        return e as HTTPError
      }
    })()
    expect(error).toBeInstanceOf(HTTPError)
    expect(error!.response).toBe(r)
    expect(error!.message).toContain('access_token=[REDACTED]')
    expect(error!.message).toContain('page=[REDACTED]') // @x/requests hides every query value in messages
    for (const text of texts(error!)) expect(text).not.toContain(TOKEN)
  })
})
