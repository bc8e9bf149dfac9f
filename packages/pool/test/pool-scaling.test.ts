import { startHttpServer } from '@x/testserver'
import { Pool } from 'undici'
import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { PoolManager } from '../src/index.js'

// Regression: with many requests in flight, every request walked undici's pool stats (a loop over each
// connection, six times) to decide whether to wait for a socket about to come back, so the cost per request
// grew with maxSize (0.52x undici request() at 200 concurrent requests in tooling/bench). Once every
// connection is open, undici queues the request itself and nothing needs to be computed.

const test = serverTest(() => startHttpServer((_req, res) => res.end('{"ok":true}')))

function countStatsReads(): { reads: () => number; restore: () => void } {
  let proto: object | null = Pool.prototype
  while (proto !== null && Object.getOwnPropertyDescriptor(proto, 'stats') === undefined)
    proto = Object.getPrototypeOf(proto)
  const owner = proto!
  const original = Object.getOwnPropertyDescriptor(owner, 'stats')!
  let reads = 0
  Object.defineProperty(owner, 'stats', {
    ...original,
    get(this: Pool) {
      reads++
      return original.get!.call(this)
    },
  })
  return { reads: () => reads, restore: () => Object.defineProperty(owner, 'stats', original) }
}

describe('many requests in flight', () => {
  test.for([20, 64])(
    'no per-request walk over the connections (20 in flight, maxSize %i)',
    async (maxSize, { server: http }) => {
      await using pm = new PoolManager({ maxSize })
      const before = http.connections
      const burst = () =>
        Promise.all(Array.from({ length: 20 }, () => pm.request('GET', `${http.url}/`).then((r) => r.status)))
      expect(await burst()).toEqual(Array(20).fill(200))
      expect(pm.stats()[http.url]?.connected).toBe(20)
      const counter = countStatsReads()
      try {
        for (let i = 0; i < 10; i++) {
          await Promise.all(
            Array.from({ length: 20 }, async () => {
              for (let j = 0; j < 5; j++) expect((await pm.request('GET', `${http.url}/`)).status).toBe(200)
            }),
          )
        }
        expect(counter.reads()).toBe(0)
      } finally {
        counter.restore()
      }
      // Keep-alive sockets were reused: none opened beyond the 20 the first burst needed.
      expect(pm.stats()[http.url]?.connected).toBe(20)
      expect(http.connections - before).toBe(20)
    },
  )
})
