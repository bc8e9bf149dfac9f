import { gzipSync } from 'node:zlib'
import { MockAgent } from 'undici'
import { test as base, describe, expect } from 'vitest'
import { MaxRetryError, PoolManager, Retry } from '../src/index.js'

// Issue 16: an injected undici dispatcher replaces the network only; retries, redirects, decoding and pool
// limits still run in @x/pool.
/** An undici MockAgent refusing real connections, for each test, closed after it. */
// biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
const test = base.extend('mock', async ({}, { onCleanup }) => {
  const mock = new MockAgent()
  mock.disableNetConnect()
  onCleanup(() => mock.close())
  return mock
})

describe('PoolManager({ dispatcher })', () => {
  test('requests go through the dispatcher: retries on a forced status, redirects and gzip still run', async ({
    mock,
  }) => {
    const api = mock.get('http://api.test')
    api.intercept({ path: '/flaky', method: 'GET' }).reply(503, 'busy')
    api.intercept({ path: '/flaky', method: 'GET' }).reply(302, '', { headers: { location: '/data' } })
    api
      .intercept({ path: '/data', method: 'GET' })
      .reply(200, gzipSync('{"ok":true}'), { headers: { 'content-encoding': 'gzip' } })
    await using pm = new PoolManager({
      dispatcher: mock,
      retries: new Retry({ total: 3, statusForcelist: [503], backoffFactor: 0 }),
    })
    const resp = await pm.request('GET', 'http://api.test/flaky')
    expect(resp.status).toBe(200)
    expect(resp.json()).toEqual({ ok: true })
    expect(resp.url).toBe('http://api.test/data')
    expect(resp.retries?.history.map((h) => h.status)).toEqual([503, 302])
    mock.assertNoPendingInterceptors()
  })

  test('a call nothing was registered for fails as a pool error with the mock error as cause', async ({
    mock,
  }) => {
    await using pm = new PoolManager({ dispatcher: mock, retries: 0 })
    const error = await pm.request('GET', 'http://api.test/nothing').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    const chain: unknown[] = []
    for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push((e as { code?: string }).code)
    expect(chain).toContain('UND_MOCK_ERR_MOCK_NOT_MATCHED')
    expect(error).toBeInstanceOf(MaxRetryError)
  })

  test('maxSize still bounds requests in flight; closing the manager leaves the dispatcher open', async ({
    mock,
  }) => {
    const api = mock.get('http://api.test')
    api.intercept({ path: '/slow', method: 'GET' }).reply(200, 'x').delay(20).times(4)
    const pm = new PoolManager({ dispatcher: mock, maxSize: 2, block: true })
    const pool = pm.connectionFromUrl('http://api.test')
    const pending = Array.from({ length: 4 }, () => pm.request('GET', 'http://api.test/slow'))
    await new Promise((r) => setImmediate(r))
    expect(pool.active).toBe(2) // at maxSize
    expect(pool.stats.queued).toBe(2) // two wait in the pool's own queue
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200, 200])
    await pm.close()
    api.intercept({ path: '/after', method: 'GET' }).reply(204, '')
    await using again = new PoolManager({ dispatcher: mock })
    expect((await again.request('GET', 'http://api.test/after')).status).toBe(204)
  })

  test('a value without dispatch() is refused at construction', () => {
    expect(() => new PoolManager({ dispatcher: {} as never })).toThrow(
      '"options.dispatcher" must be an undici Dispatcher (an object with a dispatch() method)',
    )
  })
})
