import { describe, expect, test } from 'vitest'
import { PoolManager } from '@x/pool'
import { ConnectionError, HTTPAdapter, Retry, Session } from '../src/index.js'
import { Responses, UnregisteredCallError } from '../src/testing/index.js'

// Issue 16: @x/requests/testing, the `responses` library on undici's MockAgent. Only the network is replaced:
// redirects, cookies, auth and retries run as they would against a server.
describe('Responses', () => {
  test('a Session follows a mocked redirect, keeps the cookie it set and sends it on the next hop', async () => {
    await using mock = new Responses()
    mock.add('GET', 'http://api.test/login', {
      status: 302,
      headers: { location: '/me', 'set-cookie': 'sid=abc; Path=/' },
    })
    mock.add('GET', 'http://api.test/me', { json: { name: 'alice' } })
    await using s = new Session({ dispatcher: mock.dispatcher, auth: ['u', 'p'] })
    const r = await s.get('http://api.test/login')
    expect(r.statusCode).toBe(200)
    expect(r.json()).toEqual({ name: 'alice' })
    expect(r.history.map((h) => h.statusCode)).toEqual([302])
    expect(mock.calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', 'http://api.test/login'],
      ['GET', 'http://api.test/me'],
    ])
    expect(mock.calls[1]!.headers.cookie).toBe('sid=abc')
    expect(mock.calls[0]!.headers.authorization).toMatch(/^Basic /)
    mock.assertAllCalled()
  })

  test('several registrations answer in order, the last one keeps answering; retries still run', async () => {
    await using mock = new Responses()
    mock.add('GET', 'http://api.test/flaky', { status: 503 })
    mock.add('GET', 'http://api.test/flaky', { status: 200, body: 'ok' })
    const adapter = new HTTPAdapter({
      dispatcher: mock.dispatcher,
      maxRetries: new Retry({ total: 2, statusForcelist: [503], backoffFactor: 0, raiseOnStatus: false }),
    })
    await using s = new Session()
    s.mount('http://api.test', adapter)
    expect((await s.get('http://api.test/flaky')).text).toBe('ok')
    expect((await s.get('http://api.test/flaky')).text).toBe('ok')
    expect(mock.calls).toHaveLength(3)
  })

  test('an unregistered call is refused with UnregisteredCallError (a ConnectionError) naming it, redacted', async () => {
    await using mock = new Responses()
    mock.add('GET', 'http://api.test/users')
    await using s = new Session({ dispatcher: mock.dispatcher })
    const error = await s.get('http://api.test/admin?token=secret').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnregisteredCallError)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as UnregisteredCallError).code).toBe('ERR_REQUESTS_UNREGISTERED_CALL')
    expect((error as Error).message).toBe(
      'Connection refused by Responses: GET http://api.test/admin?token=[REDACTED] matches no registered response' +
        ' (registered: GET http://api.test/users)',
    )
    expect((error as Error).message).not.toContain('secret')
    expect(mock.calls[0]!.matched).toBe(false)
    // another origin, and another method on a registered URL, are refused too
    await expect(s.get('http://other.test/users')).rejects.toBeInstanceOf(UnregisteredCallError)
    await expect(s.post('http://api.test/users')).rejects.toBeInstanceOf(UnregisteredCallError)
  })

  test('assertAllCalled names what was registered and never used', async () => {
    await using mock = new Responses()
    mock.add('GET', 'http://api.test/a').add('DELETE', 'http://api.test/b?id=1')
    await using s = new Session({ dispatcher: mock.dispatcher })
    await s.get('http://api.test/a')
    expect(() => mock.assertAllCalled()).toThrow(
      'Registered responses were not called: DELETE http://api.test/b?id=[REDACTED] (0 of 1 used)',
    )
    await s.delete('http://api.test/b?id=1')
    mock.assertAllCalled()
  })

  test('query matching: a registered query matches in any order; none matches any query', async () => {
    await using mock = new Responses()
    mock.add('GET', 'http://api.test/search?b=2&a=1', { body: 'exact' })
    mock.add('GET', 'http://api.test/any', { body: 'any' })
    await using s = new Session({ dispatcher: mock.dispatcher })
    expect((await s.get('http://api.test/search', { params: { a: '1', b: '2' } })).text).toBe('exact')
    expect((await s.get('http://api.test/any?x=1')).text).toBe('any')
    await expect(s.get('http://api.test/search?a=1')).rejects.toBeInstanceOf(UnregisteredCallError)
  })

  test('the recorded body of a form post, and a PoolManager on the same dispatcher', async () => {
    await using mock = new Responses()
    mock.add('POST', 'http://api.test/form', { status: 201 })
    await using s = new Session({ dispatcher: mock.dispatcher })
    await s.post('http://api.test/form', { data: { a: '1', b: 'x y' } })
    expect(mock.calls[0]!.body).toBe('a=1&b=x+y')
    await using pm = new PoolManager({ dispatcher: mock.dispatcher, retries: 0 })
    expect((await pm.request('POST', 'http://api.test/form')).status).toBe(201)
  })

  test('the dispatcher option is validated', () => {
    expect(() => new Session({ dispatcher: 'x' as never })).toThrow(
      '"options.dispatcher" must be an undici Dispatcher (an object with a dispatch() method)',
    )
  })
})
