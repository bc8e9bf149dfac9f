// Issue 14, "one error model across layers": a failure of the same cause is caught by the same `instanceof` at
// every layer. The identity provider down during fetchToken (or a renewal) is an OAuthRequestError and also the
// @x/requests ConnectionError (and @x/pool NewConnectionError) it was caused by, so retry logic keyed on those
// classes needs no OAuth special case.
import { createServer } from 'node:net'
import { NewConnectionError, PoolError, ReadTimeoutError } from '@x/pool'
import { ConnectionError, ReadTimeout, RequestException, Timeout } from '@x/requests'
import { startSilentServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { OAuth2Session, OAuthError, OAuthRequestError } from '../src/index.js'

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('resolved'),
    (error: unknown) => error,
  )
}

describe('one error model across layers', () => {
  test('a refused connection to the token endpoint is an OAuthRequestError and a ConnectionError', async () => {
    const tokenUrl = `http://127.0.0.1:${await closedPort()}/token`
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's' })
    const error = await failure(client.fetchToken(tokenUrl, { grantType: 'client_credentials' }))
    expect(error).toBeInstanceOf(OAuthRequestError)
    expect(error).toBeInstanceOf(OAuthError)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toBeInstanceOf(RequestException)
    expect(error).toBeInstanceOf(NewConnectionError)
    expect(error).toBeInstanceOf(PoolError)
    expect(error).not.toBeInstanceOf(Timeout)
    expect((error as OAuthRequestError).code).toBe('ERR_OAUTH_REQUEST')
    expect((error as OAuthRequestError).cause).toBeInstanceOf(ConnectionError)
  })

  test('a token endpoint that never answers is an OAuthRequestError and a ReadTimeout', async () => {
    await using silent = await startSilentServer()
    const { port } = silent
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's', timeout: 200 })
    const error = await failure(
      client.fetchToken(`http://127.0.0.1:${port}/token`, { grantType: 'client_credentials' }),
    )
    expect(error).toBeInstanceOf(OAuthRequestError)
    expect(error).toBeInstanceOf(ReadTimeout)
    expect(error).toBeInstanceOf(Timeout)
    expect(error).toBeInstanceOf(ReadTimeoutError)
    expect(error).not.toBeInstanceOf(ConnectionError)
  })

  test('an error the server reports is an OAuthError only', () => {
    const error = new OAuthError('invalid_grant', { description: 'Session not active' })
    expect(error).not.toBeInstanceOf(RequestException)
    expect(error).not.toBeInstanceOf(PoolError)
  })
})
