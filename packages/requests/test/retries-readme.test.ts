import { httpbinTest as test } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { HTTPAdapter, Retry, RetryError, Session } from '../src/index.js'
import { Retry as PoolRetry } from '@x/pool'

// Issue 14: what the README's "Retries" section says: no retry by default, adapterOptions and mounted adapters
// retry, Retry is @x/pool's class.
test('Retry is the same class as @x/pool', () => {
  expect(Retry).toBe(PoolRetry)
})

test('a default session does not retry; adapterOptions.maxRetries does', async ({ httpbin }) => {
  const hits = (path: string) => httpbin.hits.get(path) ?? 0
  await using plain = new Session()
  expect((await plain.get(`${httpbin.url}/status/502`)).statusCode).toBe(502)
  expect(hits('/status/502')).toBe(1)
  await using retrying = new Session({
    adapterOptions: { maxRetries: new Retry({ total: 2, statusForcelist: [503], backoffFactor: 0 }) },
  })
  const error = await retrying.get(`${httpbin.url}/status/503`).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(RetryError)
  expect(hits('/status/503')).toBe(3) // the request and 2 retries
})

test('a mounted adapter retries for its prefix only', async ({ httpbin }) => {
  await using s = new Session()
  s.mount(
    `${httpbin.url}/status/`,
    new HTTPAdapter({
      maxRetries: new Retry({ total: 1, statusForcelist: [500], backoffFactor: 0, raiseOnStatus: false }),
    }),
  )
  expect((await s.get(`${httpbin.url}/status/500`)).statusCode).toBe(500)
  expect(httpbin.hits.get('/status/500')).toBe(2)
  expect((await s.get(`${httpbin.url}/get`)).statusCode).toBe(200)
})
