import { Responses } from '@x/requests/testing'
import { describe, expect, test } from 'vitest'
import { OAuth2Session } from '../src/index.js'

// Issue 16: OAuth2Session on an injected dispatcher (undici's MockAgent through @x/requests/testing): the token
// endpoint is mocked like any other URL, and renewal, single-flight and redirects still run.
describe('OAuth2Session({ dispatcher })', () => {
  test('an expired token is refreshed once for concurrent requests, then sent on a redirected request', async () => {
    await using mock = new Responses()
    mock.token('http://idp.test/token', { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 300 })
    mock.add('GET', 'http://api.test/old', { status: 307, headers: { location: '/items' } })
    mock.add('GET', 'http://api.test/items', { json: [1, 2] })
    await using client = new OAuth2Session({
      clientId: 'app',
      clientSecret: 'app-secret',
      dispatcher: mock.dispatcher,
      tokenEndpoint: 'http://idp.test/token',
      token: { access_token: 'at-1', refresh_token: 'rt-1', token_type: 'Bearer', expires_at: 1 },
    })
    const results = await Promise.all([
      client.get('http://api.test/old'),
      client.get(new URL('http://api.test/items')), // a URL object is a URL here too (issue 14)
    ])
    expect(results.map((r) => r.json())).toEqual([
      [1, 2],
      [1, 2],
    ])
    const tokenCalls = mock.calls.filter((c) => c.url === 'http://idp.test/token')
    expect(tokenCalls).toHaveLength(1)
    expect(new URLSearchParams(tokenCalls[0]!.body).get('grant_type')).toBe('refresh_token')
    expect(new URLSearchParams(tokenCalls[0]!.body).get('refresh_token')).toBe('rt-1')
    const apiCalls = mock.calls.filter((c) => c.url.startsWith('http://api.test/'))
    expect(apiCalls.map((c) => c.headers.authorization)).toEqual([
      'Bearer at-2',
      'Bearer at-2',
      'Bearer at-2',
    ])
    expect(client.token?.access_token).toBe('at-2')
    mock.assertAllCalled()
  })

  test('client credentials from a mocked token endpoint', async () => {
    await using mock = new Responses()
    mock.token('http://idp.test/token', { access_token: 'svc-1', expires_in: 60 })
    await using client = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      dispatcher: mock.dispatcher,
    })
    const token = await client.fetchToken('http://idp.test/token', { grantType: 'client_credentials' })
    expect(token.access_token).toBe('svc-1')
    expect(mock.calls[0]!.headers.authorization).toBe(`Basic ${Buffer.from('svc:s').toString('base64')}`)
  })
})
