import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { FRAMINGS, type Framing, fdsBackTo, newKey, openFds, type Stack, startStack } from '../src/index.ts'
import type { Toxic } from '../src/toxiproxy.ts'
import { type Client, type Layer, nameOf, reasonOf } from './layers.ts'

const BIG = 200 * 1024
/** Past the TLS handshake and the response head, well short of a BIG body. */
const CUT = 16 * 1024

/**
 * The fault scenarios, the same for every layer: for each framing (Content-Length, chunked, close-delimited,
 * HTTP/2) and each fault, the typed error the layer owes, the attempts counted at the origin by idempotency key
 * (no duplicates unless retries allow them), the pool recovering (the next 100 requests succeed) and the file
 * descriptors back where they started once the client is closed.
 */
export function defineScenarios(layer: Layer): void {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    await stack?.stop()
  })
  afterEach(async () => {
    await stack.reset()
  })

  const expectError = (error: unknown, names: readonly string[]) => {
    expect(names, `${nameOf(error)}: ${(error as Error)?.message}`).toContain(nameOf(error))
  }

  /** Removes the toxics, then the same client sends 100 requests that all succeed; then it is closed. */
  async function recovers(client: Client, framing: Framing, fds: number): Promise<void> {
    await stack.toxiproxy.reset()
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        client.get(stack.url(framing, 1024), newKey('after')).catch((e) => e),
      ),
    )
    expect(results.filter((r) => r !== 1024).map(nameOf)).toEqual([])
    await client.close()
    expect(await fdsBackTo(fds, stack.origin)).toBeLessThanOrEqual(fds)
  }

  describe(`${layer.name}: mild toxics, every request succeeds exactly once`, () => {
    const mild: Array<[string, Toxic]> = [
      ['latency 40 ms, jitter 20 ms', { type: 'latency', attributes: { latency: 40, jitter: 20 } }],
      ['bandwidth 256 KB/s', { type: 'bandwidth', attributes: { rate: 256 } }],
      ['slow close 300 ms', { type: 'slow_close', attributes: { delay: 300 } }],
      [
        'slicer 512 B slices',
        { type: 'slicer', attributes: { average_size: 512, size_variation: 256, delay: 1 } },
      ],
    ]
    for (const framing of FRAMINGS) {
      test.each(mild)(`${framing}: %s`, async (_name, toxic) => {
        const fds = openFds(stack.origin)
        const client = layer.open(stack, framing, { retries: false })
        await stack.toxic(framing, toxic)
        const keys = Array.from({ length: 10 }, () => newKey('mild'))
        const sizes = await Promise.all(
          keys.map((key, i) => client.get(stack.url(framing, 64 * 1024), key, i % 2 === 1)),
        )
        expect(sizes).toEqual(keys.map(() => 64 * 1024))
        const posted = await client.post(stack.url(framing, 100), newKey('mild-post'))
        expect(posted).toBe(100)
        expect(stack.origin.duplicates()).toEqual([])
        for (const key of keys) expect(stack.origin.count(key)).toBe(1)
        await recovers(client, framing, fds)
      })
    }
  })

  describe(`${layer.name}: resets, cuts and stalls`, () => {
    for (const framing of FRAMINGS) {
      test(`${framing}: reset before the response head`, async () => {
        const fds = openFds(stack.origin)
        const client = layer.open(stack, framing, { retries: 2 })
        // reset_peer drops the first bytes from the server and resets: over TLS that is the handshake.
        await stack.toxic(framing, { type: 'reset_peer', attributes: { timeout: 0 } })
        const get = newKey('head-get')
        const error = await client.get(stack.url(framing, 1024), get).catch((e) => e)
        const post = newKey('head-post')
        const postError = await client.post(stack.url(framing, 100), post).catch((e) => e)
        if (framing === 'h2' || framing === 'tls') {
          // The reset lands in the TLS handshake: a connection error, retried for any method, and no request
          // ever reached the origin.
          expectError(error, layer.exhausted)
          expectError(postError, layer.exhausted)
          expect(stack.origin.count(get)).toBe(0)
          expect(stack.origin.count(post)).toBe(0)
        } else {
          expectError(error, layer.exhausted)
          if (layer.name === 'pool') expectError(reasonOf(error), layer.beforeHead)
          expect(stack.origin.count(get)).toBe(3) // the first try and 2 retries, each counted
          expectError(postError, layer.beforeHead) // not retried: the origin may have acted on it
          expect(stack.origin.count(post)).toBe(1)
        }
        await recovers(client, framing, fds)
      })

      test(`${framing}: reset mid-body (RST after ${CUT} bytes)`, async () => {
        const fds = openFds(stack.origin)
        const client = layer.open(stack, framing, { retries: false })
        // reset_peer at toxicity 0 never fires, but makes toxiproxy close these connections with SO_LINGER 0:
        // the cut that limit_data makes is then a reset, not a clean close.
        await stack.toxic(framing, { type: 'reset_peer', attributes: { timeout: 0 } }, 'downstream', 0)
        await stack.toxic(framing, { type: 'limit_data', attributes: { bytes: CUT } })
        for (const stream of [false, true]) {
          const key = newKey('mid')
          const error = await client.get(stack.url(framing, BIG), key, stream).catch((e) => e)
          expectError(error, layer.midBody)
          expect(stack.origin.count(key)).toBe(1)
        }
        await recovers(client, framing, fds)
      })

      test(`${framing}: data stall longer than the read timeout`, async () => {
        const fds = openFds(stack.origin)
        const client = layer.open(stack, framing, { retries: 1, read: 400 })
        await stack.toxic(framing, { type: 'timeout', attributes: { timeout: 0 } })
        const key = newKey('stall')
        const error = await client.get(stack.url(framing, 1024), key).catch((e) => e)
        if (framing === 'h2' || framing === 'tls') {
          // The stall starts before the TLS handshake completes: the connect timeout governs it.
          expect(error).toBeInstanceOf(Error)
        } else {
          expectError(error, layer.exhausted)
          expect(stack.origin.count(key)).toBe(2)
        }
        await recovers(client, framing, fds)
      })
    }

    test('body stalled mid-way (origin pauses): read timeout, counted retry', async () => {
      const fds = openFds(stack.origin)
      const client = layer.open(stack, 'chunked', { retries: 1, read: 400 })
      const key = newKey('body-stall')
      const error = await client.get(stack.url('chunked', 4096, 'stall=100&ms=3000'), key).catch((e) => e)
      expectError(layer.name === 'pool' ? reasonOf(error) : error, layer.stall)
      // The pool preloads and retries the read; requests reads the body after the response, never retried.
      expect(stack.origin.count(key)).toBe(layer.name === 'pool' ? 2 : 1)
      await recovers(client, 'chunked', fds)
    })

    test('limit_data with a clean close: short Content-Length and chunked bodies are errors', async () => {
      const fds = openFds(stack.origin)
      const client = layer.open(stack, 'cl', { retries: false })
      await stack.toxic('cl', { type: 'limit_data', attributes: { bytes: CUT } })
      for (const framing of ['cl', 'chunked'] as const) {
        const key = newKey('limit')
        const error = await client.get(stack.url(framing, BIG), key).catch((e) => e)
        expectError(error, layer.midBody)
        expect(stack.origin.count(key)).toBe(1)
      }
      // A close-delimited body ends at a clean close by definition (RFC 9112 section 6.3): nothing on the wire
      // tells a cut from the end, so the layer returns the bytes received. Only a reset marks it as an error.
      const short = await client.get(stack.url('close', BIG), newKey('limit-close'))
      expect(short).toBeLessThan(BIG)
      await recovers(client, 'cl', fds)
    })
  })
}
