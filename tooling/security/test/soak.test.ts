// Soak: N requests through @x/requests against a server that randomly resets, stalls and closes idle sockets.
// Every request ends exactly once (a response or a typed error), no POST reaches the server twice, and memory
// and open handles return near their starting level. N = SOAK_REQUESTS (default 2000 for CI);
// `pnpm --filter @x/security soak` runs 200 000.
import type { Socket } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { HTTPAdapter, Session } from '@x/requests'
import { afterEach, expect, test } from 'vitest'
import { closeAll, describeError, isTyped, raw, resources, settledGrowth } from './helpers.ts'

afterEach(closeAll)

const N = Number(process.env.SOAK_REQUESTS ?? 2_000)
const SEED = Number(process.env.SOAK_SEED ?? 7)
const CONCURRENCY = 50
const READ_TIMEOUT = 200

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with SOAK_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (() => void) | undefined
  gc?.()
  gc?.()
}

test(
  `soak: ${N} requests through @x/requests against a randomly failing server`,
  async () => {
    const random = prng(SEED)
    const hits = new Map<string, number>()
    const behaviour = { ok: 0, reset: 0, stall: 0, idleClose: 0, close: 0 }
    const server = await raw((socket: Socket, request) => {
      const id = request.headers['x-request-id'] ?? '?'
      hits.set(id, (hits.get(id) ?? 0) + 1)
      const roll = random()
      if (roll < 0.04) {
        behaviour.reset++
        socket.resetAndDestroy()
      } else if (roll < 0.07) {
        behaviour.stall++ // never answers: the client's read timeout ends it
      } else if (roll < 0.12) {
        behaviour.idleClose++
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
        setTimeout(() => socket.destroy(), random() * 5)
      } else if (roll < 0.15) {
        behaviour.close++
        socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok')
      } else {
        behaviour.ok++
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      }
    })

    collectGarbage()
    const handlesBefore = resources()
    const heapBefore = process.memoryUsage().heapUsed

    const session = new Session({ trustEnv: false, timeout: { connect: 1_000, read: READ_TIMEOUT } })
    session.mount('http://', new HTTPAdapter({ poolMaxsize: 10 }))
    const outcomes = new Int8Array(N) // 0 pending, 1 success, 2 typed error
    const foreign: string[] = []
    const doubled: number[] = []
    let next = 0
    async function worker(): Promise<void> {
      while (next < N) {
        const i = next++
        const post = i % 2 === 0
        const headers = { 'X-Request-Id': `${post ? 'P' : 'G'}${i}` }
        const settle = (value: 1 | 2) => {
          if (outcomes[i] !== 0) doubled.push(i)
          outcomes[i] = value
        }
        try {
          const r = post
            ? await session.post(`${server.url}/soak`, { data: `n=${i}`, headers })
            : await session.get(`${server.url}/soak`, { headers })
          expect(r.text).toBe('ok')
          settle(1)
        } catch (error) {
          if (!isTyped(error)) foreign.push(describeError(error))
          settle(2)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    await session.close()

    const successes = outcomes.filter((o) => o === 1).length
    const failures = outcomes.filter((o) => o === 2).length
    expect(foreign).toEqual([])
    expect(doubled).toEqual([])
    expect(successes + failures).toBe(N)
    expect(successes).toBeGreaterThan(N * 0.7)
    const duplicatedPosts = [...hits].filter(([id, n]) => id.startsWith('P') && n > 1)
    expect(duplicatedPosts).toEqual([])
    // A GET may be sent twice: once on a stale socket, once on a fresh one.
    expect([...hits].filter(([id, n]) => id.startsWith('G') && n > 2)).toEqual([])

    expect(await settledGrowth(handlesBefore)).toEqual({})
    collectGarbage()
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore
    expect(heapGrowth, `heap grew by ${(heapGrowth / 1024 / 1024).toFixed(1)} MiB`).toBeLessThan(
      32 * 1024 * 1024,
    )
    console.info(
      `soak: ${N} requests, ${successes} ok, ${failures} typed errors; server ${JSON.stringify(behaviour)}; heap +${(heapGrowth / 1024 / 1024).toFixed(1)} MiB`,
    )
  },
  Math.max(60_000, N * 2),
)
