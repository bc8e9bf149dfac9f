import { describe, expect } from 'vitest'
import { RedisTokenStore, redisTokenKeys, TokenStoreUnavailableError } from '../src/index.js'
import { connect, freshKey, test } from './helpers/redis.js'
import { renewer, tokenFor } from './helpers/tokens.js'

// Policy (README, "When Redis is unreachable"): 'fail' rejects reads and renewals that need Redis; 'memory'
// renews in-process from the last token seen. Under both, a token that could not be written is kept and
// written again once Redis is back, so a rotated refresh token is never lost.
describe('when Redis is unreachable', () => {
  test("'fail': read and renew reject with a typed error and renew asks no token endpoint; after a restart all works", async ({
    server,
  }) => {
    const client = await connect(server.url)
    const store = new RedisTokenStore({ client, whenUnavailable: 'fail', commandTimeout: 500 })
    const key = freshKey()
    await store.write(key, tokenFor('before', -10))
    await server.kill()

    const readError = await store.read(key).catch((e: unknown) => e)
    expect(readError).toBeInstanceOf(TokenStoreUnavailableError)
    expect((readError as TokenStoreUnavailableError).code).toBe('ERR_TOKEN_STORE_UNAVAILABLE')
    const { calls, renew } = renewer()
    await expect(store.renew(key, renew)).rejects.toThrow(/not renewed \(whenUnavailable: "fail"\)/)
    expect(calls.requests).toBe(0)

    await server.restart()
    await expect.poll(() => client.isReady, { timeout: 5_000 }).toBe(true)
    expect(await store.read(key)).toBeUndefined() // a Redis without persistence came back empty
    expect((await store.renew(key, renew)).access_token).toMatch(/^at-renewed-1/)
    expect(calls.requests).toBe(1)
    await store.close()
    client.destroy()
  })

  test("'memory': renew goes on in-process from the last token seen; the new token reaches Redis once it is back", async ({
    server,
  }) => {
    const client = await connect(server.url)
    const store = new RedisTokenStore({
      client,
      whenUnavailable: 'memory',
      commandTimeout: 500,
      retryInterval: 100,
    })
    const key = freshKey()
    await store.write(key, tokenFor('before', -10))
    expect((await store.read(key))?.access_token).toBe('at-before')
    await server.kill()

    expect((await store.read(key))?.access_token).toBe('at-before')
    const { calls, renew } = renewer()
    const renewed = await store.renew(key, renew)
    expect(calls.seen[0]?.refresh_token).toBe('rt-before') // the refresh token it had, not undefined
    expect(calls.requests).toBe(1)
    expect(store.pendingWrites).toBe(1)
    // a second renewal in this process reuses the in-memory one
    expect((await store.renew(key, renew)).access_token).toBe(renewed.access_token)
    expect(calls.requests).toBe(1)

    await server.restart()
    await expect.poll(() => store.pendingWrites, { timeout: 5_000 }).toBe(0)
    const raw = await client.get(redisTokenKeys(key).token)
    expect(raw).toContain(renewed.access_token)
    await store.close()
    client.destroy()
  })

  test('a write that fails right after a renewal keeps the new token (returned, then written on reconnect)', async ({
    server,
  }) => {
    const client = await connect(server.url)
    const store = new RedisTokenStore({
      client,
      whenUnavailable: 'fail',
      commandTimeout: 500,
      retryInterval: 100,
    })
    const key = freshKey('alice')
    await store.write(key, tokenFor('old', -10))
    const renewed = await store.renew(key, async () => {
      await server.kill() // Redis goes away while the token endpoint answers
      return tokenFor('rotated')
    })
    expect(renewed.refresh_token).toBe('rt-rotated')
    expect(store.pendingWrites).toBe(1)
    // 'fail' still answers reads from the token it holds
    expect((await store.read(key))?.refresh_token).toBe('rt-rotated')

    await server.restart()
    await expect.poll(() => store.pendingWrites, { timeout: 5_000 }).toBe(0)
    const other = await connect(server.url)
    const reader = new RedisTokenStore({ client: other })
    expect((await reader.read(key))?.refresh_token).toBe('rt-rotated')
    await Promise.all([store.close(), reader.close()])
    client.destroy()
    other.destroy()
  })

  test('write never rejects for an outage: the token is kept and written later', async ({ server }) => {
    const client = await connect(server.url)
    const store = new RedisTokenStore({
      client,
      whenUnavailable: 'fail',
      commandTimeout: 300,
      retryInterval: 100,
    })
    const key = freshKey()
    await server.kill()
    await store.write(key, tokenFor('offline'))
    expect(store.pendingWrites).toBe(1)
    await server.restart()
    await expect.poll(() => store.pendingWrites, { timeout: 5_000 }).toBe(0)
    expect(await client.get(redisTokenKeys(key).token)).toContain('at-offline')
    await store.close()
    client.destroy()
  })
})
