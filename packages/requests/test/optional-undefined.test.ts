// Issue 14: options accept an explicit `undefined` (as "absent") in every options type of the stack, under
// exactOptionalPropertyTypes (this file compiling is half the test), as OAuth2Session's options always did.
import { PoolManager, Retry, TimeoutConfig, ProxyManager } from '@x/pool'
import { expect, test } from 'vitest'
import { HTTPAdapter, Session } from '../src/index.js'
test('undefined is accepted wherever an option may be absent, and means absent', async () => {
  const r = new Retry({ total: undefined, backoffFactor: undefined, statusForcelist: undefined })
  expect(r.total).toBe(new Retry({}).total)
  expect(new TimeoutConfig({ connect: undefined }).connect).toBe(new TimeoutConfig({}).connect)
  await using pm = new PoolManager({
    maxSize: undefined,
    timeout: undefined,
    retries: undefined,
    tls: undefined,
  })
  expect(pm.size).toBe(0)
  await using px = new ProxyManager('http://127.0.0.1:3128', { proxyHeaders: undefined })
  expect(px.size).toBe(0)
  const a = new HTTPAdapter({ poolMaxsize: undefined, maxRetries: undefined })
  await a.close()
  await using s = new Session({
    timeout: undefined,
    auth: undefined,
    headers: undefined,
    maxRedirects: undefined,
  })
  expect(s.maxRedirects).toBe(30)
})
