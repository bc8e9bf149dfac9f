// Proofs of issue 17 against the real Keycloak (xstack realm, single-use refresh tokens) and real Redis: a fleet of
// worker processes, each an OAuth2Session on a RedisTokenStore, with a counting proxy in front of the token
// endpoint. Run on a standalone Redis (with-redis.sh's REDIS_URL, or servers started here) and on a 3-node cluster.
import { RedisCluster, RedisServer } from '@x/redis'
import { createClient, createCluster } from 'redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RedisTokenStore } from '../../src/index.js'
import { type ApiServer, startApiServer } from './support/api-server.ts'
import {
  CONFIDENTIAL,
  directToken,
  JWKS_URL,
  KEYCLOAK_URL,
  TOKEN_PATH,
  temporaryUser,
} from './support/env.ts'
import { Fleet, Worker } from './support/fleet.ts'
import { startTokenProxy, type TokenProxy } from './support/token-proxy.ts'
import type { WorkerConfig } from './support/worker.ts'

const PROCESSES = 8
const CONCURRENCY = 50
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let proxy: TokenProxy
let api: ApiServer
let tokenEndpoint: string

beforeAll(async () => {
  proxy = await startTokenProxy(KEYCLOAK_URL)
  api = await startApiServer(JWKS_URL)
  tokenEndpoint = `${proxy.url}${TOKEN_PATH}`
})
afterAll(async () => {
  await proxy?.close()
  await api?.close()
})

type Target = { redis: WorkerConfig['redis']; connect(): Promise<{ store: RedisTokenStore; close(): void }> }

function standalone(url: string): Target {
  return {
    redis: { url },
    connect: async () => {
      const client = createClient({ url })
      client.on('error', () => {})
      await client.connect()
      return { store: new RedisTokenStore({ client }), close: () => client.destroy() }
    },
  }
}

function cluster(urls: string[]): Target {
  return {
    redis: { cluster: urls },
    connect: async () => {
      const client = createCluster({ rootNodes: urls.map((url) => ({ url })) })
      client.on('error', () => {})
      await client.connect()
      return { store: new RedisTokenStore({ client }), close: () => client.destroy() }
    },
  }
}

/** Puts `token`, already expired, in the store for the fleet's key (the test's setup: not counted). */
async function seedExpired(target: Target, clientId: string, token: Record<string, unknown>): Promise<void> {
  const { store, close } = await target.connect()
  const expired = {
    ...token,
    access_token: String(token.access_token),
    expires_at: Math.floor(Date.now() / 1000) - 10,
  }
  await store.write({ issuer: tokenEndpoint, clientId }, expired)
  await store.close()
  close()
}

async function clientCredentialsToken(client: { clientId: string; clientSecret: string }) {
  return directToken({
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
  })
}

/** A password login of a temporary user through the confidential client (the token the fleet shares). */
async function passwordToken(user: { username: string; password: string }) {
  return directToken({
    grant_type: 'password',
    client_id: CONFIDENTIAL.clientId,
    client_secret: CONFIDENTIAL.clientSecret,
    username: user.username,
    password: user.password,
  })
}

async function refreshGrant(refreshToken: string) {
  return directToken({
    grant_type: 'refresh_token',
    client_id: CONFIDENTIAL.clientId,
    client_secret: CONFIDENTIAL.clientSecret,
    refresh_token: refreshToken,
  })
}

function proofs(name: string, target: () => Target) {
  describe(name, () => {
    let fleet: Fleet
    beforeAll(async () => {
      fleet = await Fleet.start(PROCESSES)
    }, 60_000)
    afterAll(async () => {
      await fleet?.close()
    })

    test(`${PROCESSES} processes × ${CONCURRENCY} requests on an expired client-credentials token: 1 token request, all succeed`, async () => {
      await fleet.setup({
        redis: target().redis,
        tokenEndpoint,
        ...CONFIDENTIAL,
        grantType: 'client_credentials',
      })
      await seedExpired(target(), CONFIDENTIAL.clientId, await clientCredentialsToken(CONFIDENTIAL))
      proxy.reset()
      api.reset()
      const result = await fleet.burst(CONCURRENCY, api.url)
      expect(result.failures).toEqual({})
      expect(result.ok).toBe(PROCESSES * CONCURRENCY)
      expect(proxy.count()).toBe(1)
      expect(proxy.count('client_credentials')).toBe(1)
      expect(api.tokens.size).toBe(1) // every request carried the one renewed token
    })

    test(`${PROCESSES} processes sharing one user's single-use refresh token: one refresh, 0 invalid_grant`, async () => {
      const user = await temporaryUser()
      try {
        const token = await passwordToken(user)
        await fleet.setup({ redis: target().redis, tokenEndpoint, ...CONFIDENTIAL })
        await seedExpired(target(), CONFIDENTIAL.clientId, token)
        // Keycloak keeps session times in whole seconds and refuses a refresh token issued before the session's
        // last refresh ("Stale token"): a second apart, the old refresh token below is refused for sure.
        await sleep(1_100)
        proxy.reset()
        api.reset()
        const result = await fleet.burst(CONCURRENCY, api.url)
        expect(result.failures).toEqual({})
        expect(result.ok).toBe(PROCESSES * CONCURRENCY)
        expect(proxy.count('refresh_token')).toBe(1)
        expect(proxy.errors('invalid_grant')).toBe(0)
        expect(proxy.count()).toBe(1)
        // The refresh token the store now holds is the live one (the old one was revoked by its single use).
        const { store, close } = await target().connect()
        const stored = await store.read({ issuer: tokenEndpoint, clientId: CONFIDENTIAL.clientId })
        await store.close()
        close()
        expect(stored?.refresh_token).not.toBe(token.refresh_token)
        const again = await refreshGrant(String(stored?.refresh_token))
        expect(again.access_token).toEqual(expect.any(String))
        await expect(refreshGrant(String(token.refresh_token))).rejects.toThrow(/400: invalid_grant/)
      } finally {
        await user.remove()
      }
    })

    // The control needs no Redis: it is declared once, beside the standalone proofs.
    if (name === 'standalone Redis')
      test(`control: without the store, ${PROCESSES} processes refreshing one user's token get invalid_grant`, async () => {
        const user = await temporaryUser()
        try {
          const token = await passwordToken(user)
          const expired = { ...token, expires_at: Math.floor(Date.now() / 1000) - 10 }
          await fleet.setup({
            redis: target().redis,
            tokenEndpoint,
            ...CONFIDENTIAL,
            store: 'memory',
            token: expired,
          })
          proxy.reset()
          const result = await fleet.burst(CONCURRENCY, api.url)
          console.log(
            `${name}, no store: ${proxy.count('refresh_token')} refreshes, ${proxy.errors('invalid_grant')} invalid_grant`,
          )
          expect(proxy.count('refresh_token')).toBeGreaterThanOrEqual(PROCESSES) // one (or more) per process
          expect(proxy.errors('invalid_grant')).toBeGreaterThan(0) // the issue: the losers' sessions are lost
          expect(result.ok).toBeLessThan(PROCESSES * CONCURRENCY)
        } finally {
          await user.remove()
        }
      })

    test('the lease holder, alive past its lease then SIGKILLed mid-renewal: another completes within lease TTL + 1 s', async () => {
      const leaseTtl = 3_000
      const victim = new Worker()
      const survivor = new Worker()
      try {
        await Promise.all([victim.ready, survivor.ready])
        const config = {
          redis: target().redis,
          tokenEndpoint,
          ...CONFIDENTIAL,
          grantType: 'client_credentials',
          leaseTtl,
        }
        await Promise.all([victim.setup(config), survivor.setup(config)])
        await seedExpired(target(), CONFIDENTIAL.clientId, await clientCredentialsToken(CONFIDENTIAL))
        proxy.reset()
        proxy.hold(1)
        const victimBurst = victim.burst(5, api.url).catch(() => 'killed')
        await expect.poll(() => proxy.count(), { timeout: 5_000, interval: 20 }).toBe(1) // the victim holds the lease
        const survivorBurst = survivor.burst(5, api.url)
        // alive and slower than its lease: it keeps the lease (extended), so nobody else renews meanwhile
        await sleep(leaseTtl + 500)
        expect(proxy.count()).toBe(1)
        const killedAt = Date.now()
        victim.kill()
        expect(await victimBurst).toBe('killed')
        const result = await survivorBurst
        const done = Date.now()
        expect(result).toEqual({ ok: 5, failures: {} })
        expect(proxy.count('client_credentials')).toBe(2) // the dead holder's (never answered) and the survivor's
        const takeover = proxy.requests[1]!.at - killedAt
        console.log(
          `${name}: lease ${leaseTtl} ms; after the SIGKILL the survivor asked for a token after ${takeover} ms and was done after ${done - killedAt} ms`,
        )
        // The live holder extended its lease every leaseTtl / 3, so it expired 2/3 to 3/3 of leaseTtl after death.
        expect(takeover).toBeGreaterThanOrEqual((leaseTtl * 2) / 3 - 100)
        expect(done - killedAt).toBeLessThanOrEqual(leaseTtl + 1_000)
      } finally {
        proxy.release()
        await Promise.all([victim.close(), survivor.close()])
      }
    })
  })
}

let redisCluster: RedisCluster | undefined
let ownRedis: RedisServer | undefined
beforeAll(async () => {
  if (!process.env.REDIS_URL) ownRedis = await RedisServer.start()
  redisCluster = await RedisCluster.start()
}, 60_000)
afterAll(async () => {
  await redisCluster?.stop()
  await ownRedis?.stop()
})

proofs('standalone Redis', () => standalone(process.env.REDIS_URL ?? ownRedis!.url))
proofs('3-node Redis Cluster', () => cluster(redisCluster!.urls))
