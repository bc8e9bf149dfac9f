import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect } from 'vitest'
import { RedisTokenStore, redisTokenKeys, TokenDecryptError, TokenStoreError } from '../src/index.js'
import { freshKey, test } from './helpers/redis.js'
import { renewer, tokenFor } from './helpers/tokens.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('read and write', () => {
  test('a written token reads back from another store; keys are hash-tagged per issuer, client, subject', async ({
    redis,
    connectMore,
  }) => {
    const [other] = await connectMore(1)
    const a = new RedisTokenStore({ client: redis })
    const b = new RedisTokenStore({ client: other! })
    const key = freshKey()
    expect(await b.read(key)).toBeUndefined()
    await a.write(key, tokenFor('one'))
    expect((await b.read(key))?.access_token).toBe('at-one')
    expect(await b.read({ ...key, subject: 'alice' })).toBeUndefined()
    expect(await b.read({ ...key, clientId: 'other' })).toBeUndefined()

    const names = redisTokenKeys(key)
    expect(names.token).toMatch(/^x-oauth2:\{[\w-]{27}\}:token$/)
    expect(names.lease.replace(':lease', '')).toBe(names.token.replace(':token', ''))
    expect(names.token).not.toContain('issuer')
    await Promise.all([a.close(), b.close()])
  })

  test('with a key, the stored value is AES-256-GCM ciphertext; rotation keeps old tokens readable', async ({
    redis,
  }) => {
    const key = freshKey('alice')
    const old = randomBytes(32)
    const current = randomBytes(32).toString('base64')
    const before = new RedisTokenStore({ client: redis, encryptionKeys: [{ id: 'k1', key: old }] })
    await before.write(key, tokenFor('secret'))
    const raw = await redis.get(redisTokenKeys(key).token)
    expect(raw).toMatch(/^e1\.k1\./)
    expect(raw).not.toContain('at-secret')
    expect(raw).not.toContain('rt-secret')

    const rotated = new RedisTokenStore({
      client: redis,
      encryptionKeys: [
        { id: 'k2', key: current },
        { id: 'k1', key: old },
      ],
    })
    expect((await rotated.read(key))?.refresh_token).toBe('rt-secret')
    await rotated.write(key, tokenFor('next'))
    expect(await redis.get(redisTokenKeys(key).token)).toMatch(/^e1\.k2\./)

    const withoutOld = new RedisTokenStore({ client: redis, encryptionKeys: [{ id: 'k1', key: old }] })
    const error = await withoutOld.read(key).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenDecryptError)
    expect(error).toBeInstanceOf(TokenStoreError)
    expect((error as TokenDecryptError).code).toBe('ERR_TOKEN_STORE_DECRYPT')
    expect((error as Error).message).toContain('"k2"')
    expect(inspect(error)).not.toContain('rt-next')
    await Promise.all([before.close(), rotated.close(), withoutOld.close()])
  })

  test('a ciphertext copied under another key name does not decrypt (the key name is authenticated)', async ({
    redis,
  }) => {
    const store = new RedisTokenStore({ client: redis, encryptionKeys: [{ id: 'k', key: randomBytes(32) }] })
    const alice = freshKey('alice')
    const mallory = freshKey('mallory')
    await store.write(alice, tokenFor('alice'))
    await redis.set(redisTokenKeys(mallory).token, (await redis.get(redisTokenKeys(alice).token))!)
    await expect(store.read(mallory)).rejects.toThrow(/does not decrypt/)
    await store.close()
  })

  test('plain tokens written before encryption was turned on are still read', async ({ redis }) => {
    const key = freshKey()
    await new RedisTokenStore({ client: redis }).write(key, tokenFor('plain'))
    const store = new RedisTokenStore({ client: redis, encryptionKeys: [{ id: 'k', key: randomBytes(32) }] })
    expect((await store.read(key))?.access_token).toBe('at-plain')
    await store.close()
  })
})

describe('renew under a lease', () => {
  test('20 stores (as 20 processes) renewing an expired token at once: one token request, all get it', async ({
    connectMore,
  }) => {
    const clients = await connectMore(20)
    // Woken by pub/sub: neither the fallback poll nor the lease's expiry comes before waitTimeout, so a waiter
    // nobody wakes fails with TokenStoreTimeoutError (no wall time measured).
    const stores = clients.map(
      (client) =>
        new RedisTokenStore({ client, pollInterval: 60_000, leaseTtl: 60_000, waitTimeout: 10_000 }),
    )
    const key = freshKey()
    await stores[0]!.write(key, tokenFor('expired', -10))
    const { calls, renew } = renewer({ delayMs: 100 })
    const results = await Promise.all(stores.map((store) => store.renew(key, renew)))
    expect(calls.requests).toBe(1)
    expect(new Set(results.map((token) => token.access_token)).size).toBe(1)
    // After the first, every renew saw the fresh token on its re-read under the lease.
    expect(calls.seen.filter((token) => token?.access_token === results[0]!.access_token)).toHaveLength(19)
    await Promise.all(stores.map((store) => store.close()))
  })

  test('a holder that dies mid-renewal: its lease expires and the next process renews', async ({ redis }) => {
    const key = freshKey()
    // It wakes when the dead lease expires: the fallback poll and waitTimeout come after the test's own timeout,
    // so a store that waited for either would fail the test (no wall time measured).
    const store = new RedisTokenStore({
      client: redis,
      leaseTtl: 2_000,
      pollInterval: 60_000,
      waitTimeout: 60_000,
    })
    await store.write(key, tokenFor('expired', -10))
    // a dead holder's lease: set, never released
    const lease = redisTokenKeys(key).lease
    await redis.set(lease, 'dead-holder', { condition: 'NX', expiration: { type: 'PX', value: 800 } })
    const { calls, renew } = renewer()
    const leaseHolders: (string | null)[] = []
    const token = await store.renew(key, async (current) => {
      leaseHolders.push(await redis.get(lease))
      return renew(current)
    })
    expect(calls.requests).toBe(1)
    expect(token.access_token).toMatch(/^at-renewed-1/)
    // it renewed under a lease of its own, taken once the dead holder's expired (not taken over before)
    expect(leaseHolders).toHaveLength(1)
    expect(leaseHolders[0]).toEqual(expect.any(String))
    expect(leaseHolders[0]).not.toBe('dead-holder')
    await store.close()
  })

  test('a live holder slower than leaseTtl keeps its lease: nobody else renews meanwhile', async ({
    connectMore,
  }) => {
    const [a, b] = await connectMore(2)
    const key = freshKey('alice')
    const slow = new RedisTokenStore({ client: a!, leaseTtl: 300 })
    const waiting = new RedisTokenStore({ client: b!, leaseTtl: 300, pollInterval: 50 })
    await slow.write(key, tokenFor('expired', -10))
    const first = renewer({ delayMs: 1_000 }) // more than three lease lifetimes
    const second = renewer()
    const holding = slow.renew(key, first.renew)
    await sleep(50)
    const queued = waiting.renew(key, second.renew)
    const [held, got] = await Promise.all([holding, queued])
    expect(first.calls.requests).toBe(1)
    expect(second.calls.requests).toBe(0) // it found the slow holder's token under the lease
    expect(got.access_token).toBe(held.access_token)
    await Promise.all([slow.close(), waiting.close()])
  })

  test('waiters subscribe only while contended, and unsubscribe after', async ({ redis, connectMore }) => {
    const [a, b] = await connectMore(2)
    const key = freshKey()
    const channel = redisTokenKeys(key).channel
    const subscribers = async () =>
      ((await redis.sendCommand(['PUBSUB', 'NUMSUB', channel])) as [string, number])[1]
    const first = new RedisTokenStore({ client: a! })
    const second = new RedisTokenStore({ client: b!, pollInterval: 30_000 })
    await first.write(key, tokenFor('expired', -10))
    const { renew } = renewer({ delayMs: 300 })
    const holding = first.renew(key, renew)
    await sleep(50)
    const waiting = second.renew(key, renew)
    await expect.poll(subscribers).toBe(1) // the waiter, not the holder
    await Promise.all([holding, waiting])
    await expect.poll(subscribers).toBe(0)
    await first.renew(key, renew) // uncontended: no subscription at all
    expect(await subscribers()).toBe(0)
    await Promise.all([first.close(), second.close()])
  })

  test('a failing renewal rejects, releases the lease, and the next renewal runs at once', async ({
    redis,
  }) => {
    const key = freshKey()
    const store = new RedisTokenStore({ client: redis })
    const failure = new Error('token endpoint down')
    await expect(store.renew(key, () => Promise.reject(failure))).rejects.toBe(failure)
    expect(await redis.exists(redisTokenKeys(key).lease)).toBe(0)
    const { calls, renew } = renewer()
    await store.renew(key, renew)
    expect(calls.requests).toBe(1)
    await store.close()
  })

  test('a holder that lost its lease neither extends nor releases the lease another process took since', async ({
    redis,
  }) => {
    const key = freshKey()
    const store = new RedisTokenStore({ client: redis, leaseTtl: 150 })
    const names = redisTokenKeys(key)
    const done = store.renew(key, async () => {
      await sleep(400)
      return tokenFor('slow')
    })
    await sleep(100)
    // the lease is lost (a failover dropped it) and another process takes it
    await redis.del(names.lease)
    expect(
      await redis.set(names.lease, 'other', { condition: 'NX', expiration: { type: 'PX', value: 5_000 } }),
    ).toBe('OK')
    expect((await done).access_token).toBe('at-slow')
    expect(await redis.get(names.lease)).toBe('other')
    expect(await redis.pTTL(names.lease)).toBeGreaterThan(4_000) // the old holder's extension (to 150 ms) did not touch it
    // the old holder's token is written all the same: it is the newest the token endpoint issued
    expect((await store.read(key))?.access_token).toBe('at-slow')
    await store.close()
  })

  test('subscribe tells a store when another one writes', async ({ redis, connectMore }) => {
    const [other] = await connectMore(1)
    const key = freshKey()
    const writer = new RedisTokenStore({ client: redis })
    const watcher = new RedisTokenStore({ client: other! })
    const seen: string[] = []
    const unsubscribe = watcher.subscribe(key, (token) => seen.push(token.access_token))
    await sleep(100)
    await writer.write(key, tokenFor('pushed'))
    await expect.poll(() => seen).toEqual(['at-pushed'])
    await watcher.write(key, tokenFor('own'))
    await sleep(100)
    expect(seen).toEqual(['at-pushed'])
    unsubscribe()
    await Promise.all([writer.close(), watcher.close()])
  })
})

describe('options', () => {
  test('bad options are TypeErrors naming the option', async ({ redis }) => {
    expect(() => new RedisTokenStore({ client: redis, leaseTTL: 5 } as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARG_VALUE',
        message: '"options.leaseTTL" is not an option of RedisTokenStore',
      }),
    )
    expect(
      () => new RedisTokenStore({ client: redis, encryptionKeys: [{ id: 'k', key: randomBytes(16) }] }),
    ).toThrow('"options.encryptionKeys[0].key" must be 32 bytes')
    expect(() => new RedisTokenStore({ client: redis, whenUnavailable: 'retry' as never })).toThrow(
      '"options.whenUnavailable" must be "fail" or "memory"',
    )
    expect(() => new RedisTokenStore({ client: {} as never })).toThrow(TypeError)
  })
})
