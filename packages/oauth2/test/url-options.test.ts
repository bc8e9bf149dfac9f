// Regression: URL options with CR/LF (silently dropped by WHATWG URL parsing, so another URL is requested)
// and redirect URIs with a fragment or credentials (RFC 6749 §3.1.2) were accepted.
import { describe, expect, test } from 'vitest'
import { createAuthorizationUrl, OAuth2Session } from '../src/index.js'

function thrown(fn: () => unknown): TypeError & { code?: string } {
  try {
    fn()
  } catch (error) {
    return error as TypeError & { code?: string }
  }
  throw new Error('accepted')
}

const BAD_REDIRECTS: Array<[string, string]> = [
  ['http://user:pw@127.0.0.1/cb', 'must not contain credentials'],
  ['http://@127.0.0.1/cb', 'must not contain credentials'],
  ['http://127.0.0.1/cb#fragment', 'must not contain a fragment'],
  ['http://127.0.0.1/cb#', 'must not contain a fragment'],
  ['http://127.0.0.1/cb\r\nX: 1', 'must not contain control characters'],
  ['/relative/cb', 'must be an absolute URL'],
]

describe('redirect URIs (RFC 6749 §3.1.2)', () => {
  test.each(BAD_REDIRECTS)('%s is refused by the constructor and by createAuthorizationUrl', (uri, why) => {
    const atConstruction = thrown(() => new OAuth2Session({ clientId: 'app', redirectUri: uri }))
    expect(atConstruction).toBeInstanceOf(TypeError)
    expect(atConstruction.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(atConstruction.message).toContain(`"options.redirectUri" ${why}`)
    expect(atConstruction.message).not.toContain('pw')

    const client = new OAuth2Session({ clientId: 'app' })
    const perCall = thrown(() =>
      client.createAuthorizationUrl('http://127.0.0.1/authorize', { redirectUri: uri }),
    )
    expect(perCall.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(perCall.message).toContain(`"options.redirectUri" ${why}`)
    const standalone = thrown(() =>
      createAuthorizationUrl('http://127.0.0.1/authorize', { clientId: 'app', redirectUri: uri }),
    )
    expect(standalone.code).toBe('ERR_INVALID_ARG_VALUE')
  })

  test('absolute URIs, custom schemes (RFC 8252) and query strings are fine', () => {
    for (const uri of [
      'http://127.0.0.1:3000/cb?x=1',
      'https://app.example/cb',
      'com.example.app:/oauth2redirect',
    ])
      expect(() => new OAuth2Session({ clientId: 'app', redirectUri: uri })).not.toThrow()
  })
})

describe('control characters in endpoint URLs', () => {
  test.each([
    ['tokenEndpoint', 'http://127.0.0.1/t\r\nX: 1'],
    ['tokenEndpoint', 'http://127.0.0.1/t\nX'],
    ['tokenEndpoint', 'http://127.0.0.1/t\tx'],
    ['issuer', 'http://127.0.0.1/realm\0'],
  ])('options.%s %j is refused at construction', (key, value) => {
    const error = thrown(() => new OAuth2Session({ clientId: 'app', [key]: value }))
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toBe(`"options.${key}" must not contain control characters`)
  })

  test('metadata endpoints with CR/LF are refused at construction', () => {
    const error = thrown(
      () =>
        new OAuth2Session({
          clientId: 'app',
          metadata: { issuer: 'http://127.0.0.1', token_endpoint: 'http://127.0.0.1/t\r\nX: 1' },
        }),
    )
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toBe('"options.metadata.token_endpoint" must not contain control characters')
  })

  test('a URL argument with CR/LF is refused before any network call', async () => {
    const client = new OAuth2Session({ clientId: 'app', trustEnv: false })
    // Port 9 is never contacted: the URL is refused first.
    const error = await client
      .fetchToken('http://127.0.0.1:9/token\r\nX-Injected: 1', { grantType: 'client_credentials' })
      .then(
        () => expect.unreachable('resolved'),
        (e: TypeError & { code?: string }) => e,
      )
    expect(error).toBeInstanceOf(TypeError)
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toBe('"url" must not contain control characters')
    await client.close()
  })
})
