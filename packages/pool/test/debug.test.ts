import { httpbinTest as test, nodeDebugOutput } from '@x/testserver/vitest'
import { expect } from 'vitest'

const child = new URL('./fixtures/debug-child.ts', import.meta.url)

test('NODE_DEBUG=x-pool: a line per start, retry, redirect, end and failure, with the request id, redacted', async ({
  httpbin,
}) => {
  const text = await nodeDebugOutput(child, 'x-pool', [httpbin.url])
  expect(text).toContain(`request 1 GET ${httpbin.url}/redirect/1?code=[REDACTED]`)
  expect(text).toContain(`request 1 redirect 302 to ${httpbin.url}/get`)
  expect(text).toContain('request 1 200 in N ms (2 attempts)')
  expect(text).toContain('request 2 retry 1 after status 503, in 0 ms')
  expect(text).toContain('request 2 503 in N ms (2 attempts)')
  expect(text).toContain('request 3 failed after N ms: MaxRetryError (ERR_POOL_MAX_RETRY)')
  expect(text).not.toContain('abc')
})

test('without NODE_DEBUG nothing is written', async ({ httpbin }) => {
  expect(await nodeDebugOutput(child, undefined, [httpbin.url])).toBe('')
})
