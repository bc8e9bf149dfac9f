import { startHttpbin } from '@x/testserver'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { PoolManager } from '../src/index.js'

let server: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  server = await startHttpbin()
})
afterAll(async () => {
  await server.close()
})

test('seed', async () => {
  const pm = new PoolManager()
  const resp = await pm.request('GET', `${server.url}/get?a=1`)
  expect(resp.status).toBe(200)
  expect(resp.json<{ args: Record<string, string> }>().args).toEqual({ a: '1' })
  const r2 = await pm.request('GET', `${server.url}/redirect/3`)
  expect(r2.status).toBe(200)
  expect(r2.retries?.history.length).toBe(3)
  const r3 = await pm.request('GET', `${server.url}/gzip`)
  expect(r3.json<{ gzipped: boolean }>().gzipped).toBe(true)
  const r4 = await pm.request('GET', `${server.url}/stream-bytes/200000`, { preloadContent: false })
  let n = 0
  for await (const c of r4.stream()) n += c.length
  expect(n).toBe(200000)
  console.log(pm.stats())
  await pm.close()
})
