// Redis stopped and restarted mid-run, under each policy of the README ("When Redis is unreachable"), with the
// xstack-service client whose tokens live 10 s (due for renewal after 5 s): a fleet of processes keeps working as
// the policy says, and after the restart it is back to one token request for all.
import { RedisCluster, RedisServer } from '@x/redis'
import { createClient, createCluster } from 'redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RedisTokenStore, redisTokenKeys, type UnavailablePolicy } from '../../src/index.js'
import { type ApiServer, startApiServer } from './support/api-server.ts'
import { directToken, JWKS_URL, KEYCLOAK_URL, SERVICE, TOKEN_PATH } from './support/env.ts'
import { Fleet } from './support/fleet.ts'
import { startTokenProxy, type TokenProxy } from './support/token-proxy.ts'
import type { WorkerConfig } from './support/worker.ts'

const PROCESSES = 8
const CONCURRENCY = 20
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())))

let proxy: TokenProxy
let api: ApiServer
let tokenEndpoint: string
let fleet: Fleet
beforeAll(async () => {
  ;[proxy, api, fleet] = await Promise.all([
    startTokenProxy(KEYCLOAK_URL),
    startApiServer(JWKS_URL),
    Fleet.start(PROCESSES),
  ])
  tokenEndpoint = `${proxy.url}${TOKEN_PATH}`
}, 60_000)
afterAll(async () => {
  await fleet?.close()
  await proxy?.close()
  await api?.close()
})

interface Outage {
  redis: WorkerConfig['redis']
  store(): Promise<{ store: RedisTokenStore; close(): void }>
  /** Stops the Redis holding the fleet's key. */
  stop(): Promise<void>
  restart(): Promise<void>
}

async function seedExpired(outage: Outage): Promise<void> {
  const token = await directToken({
    grant_type: 'client_credentials',
    client_id: SERVICE.clientId,
    client_secret: SERVICE.clientSecret,
  })
  const { store, close } = await outage.store()
  await store.write(
    { issuer: tokenEndpoint, clientId: SERVICE.clientId },
    { ...token, access_token: String(token.access_token), expires_at: Math.floor(Date.now() / 1000) - 10 },
  )
  await store.close()
  close()
}

async function run(outage: Outage, policy: UnavailablePolicy): Promise<void> {
  await fleet.setup({
    redis: outage.redis,
    tokenEndpoint,
    ...SERVICE,
    grantType: 'client_credentials',
    whenUnavailable: policy,
  })
  await seedExpired(outage)
  proxy.reset()
  let result = await fleet.burst(CONCURRENCY, api.url)
  expect(result).toEqual({ ok: PROCESSES * CONCURRENCY, failures: {} })
  expect(proxy.count()).toBe(1)
  const issued = proxy.requests[0]!.at

  await outage.stop()
  // a cached, valid token: requests never touch the store
  result = await fleet.burst(CONCURRENCY, api.url)
  expect(result).toEqual({ ok: PROCESSES * CONCURRENCY, failures: {} })
  expect(proxy.count()).toBe(1)

  // due for renewal (half its 10 s life), Redis still down
  await sleepUntil(issued + (SERVICE.lifespan / 2) * 1000 + 700)
  result = await fleet.burst(CONCURRENCY, api.url)
  expect(result).toEqual({ ok: PROCESSES * CONCURRENCY, failures: {} })
  if (policy === 'memory') {
    expect(proxy.count()).toBe(1 + PROCESSES) // each process renewed on its own, once
  } else {
    expect(proxy.count()).toBe(1) // no renewal without the lease; the still-valid token keeps serving
    await sleepUntil(issued + SERVICE.lifespan * 1000 + 700)
    result = await fleet.burst(CONCURRENCY, api.url)
    expect(result.ok).toBe(0)
    expect(
      Object.keys(result.failures).every((label) => label.startsWith('ERR_TOKEN_STORE_UNAVAILABLE')),
    ).toBe(true)
    expect(proxy.count()).toBe(1)
  }

  await outage.restart()
  await expect.poll(() => fleet.connected(), { timeout: 10_000, interval: 100 }).toBe(true)
  // tokens renewed during the outage reach Redis once it is back
  await expect.poll(() => fleet.pending(), { timeout: 10_000, interval: 100 }).toBe(0)
  await fleet.expire()
  await seedExpired(outage)
  proxy.reset()
  if (policy === 'fail') {
    // The sessions failed renewals during the outage, so they space their next attempt (@x/oauth2's renewal
    // backoff: 1 s doubling with jitter): requests fail until that attempt, which then succeeds.
    await expect
      .poll(async () => (await fleet.burst(1, api.url)).ok, { timeout: 10_000, interval: 250 })
      .toBe(PROCESSES)
  }
  result = await fleet.burst(CONCURRENCY, api.url)
  expect(result).toEqual({ ok: PROCESSES * CONCURRENCY, failures: {} })
  expect(proxy.count()).toBe(1)
}

describe('standalone Redis stopped and restarted mid-run', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await RedisServer.start()
  })
  afterAll(async () => {
    await server?.stop()
  })
  const outage = (): Outage => ({
    redis: { url: server.url },
    store: async () => {
      const client = createClient({ url: server.url })
      client.on('error', () => {})
      await client.connect()
      return { store: new RedisTokenStore({ client }), close: () => client.destroy() }
    },
    stop: () => server.kill(),
    restart: () => server.restart(),
  })
  test("whenUnavailable: 'memory': every request succeeds; one renewal per process during the outage", async () => {
    await run(outage(), 'memory')
  })
  test("whenUnavailable: 'fail': requests succeed while the token is valid, then fail with ERR_TOKEN_STORE_UNAVAILABLE; no renewal", async () => {
    await run(outage(), 'fail')
  })
})

describe('3-node cluster: the node holding the token stopped and restarted mid-run', () => {
  let cluster: RedisCluster
  beforeAll(async () => {
    cluster = await RedisCluster.start()
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  const outage = (): Outage => {
    let node: RedisServer | undefined
    const connect = async () => {
      const client = createCluster({ rootNodes: cluster.urls.map((url) => ({ url })) })
      client.on('error', () => {})
      await client.connect()
      return client
    }
    return {
      redis: { cluster: cluster.urls },
      store: async () => {
        const client = await connect()
        return { store: new RedisTokenStore({ client }), close: () => client.destroy() }
      },
      stop: async () => {
        const slot = cluster.nodes[0]!.cli(
          'CLUSTER',
          'KEYSLOT',
          redisTokenKeys({ issuer: tokenEndpoint, clientId: SERVICE.clientId }).token,
        )
        const shards = cluster.nodes[0]!.cli('CLUSTER', 'SLOTS')
        node = cluster.nodes.find((candidate) => ownsSlot(shards, candidate.port, Number(slot)))
        if (!node) throw new Error(`no node owns slot ${slot}`)
        await node.kill()
      },
      restart: async () => {
        await node!.restart()
        await cluster.waitReady()
      },
    }
  }
  test("whenUnavailable: 'memory'", async () => {
    await run(outage(), 'memory')
  })
  test("whenUnavailable: 'fail'", async () => {
    await run(outage(), 'fail')
  })
})

/** Whether `port` serves `slot` according to redis-cli's CLUSTER SLOTS output (start, end, ip, port, id, ...). */
function ownsSlot(output: string, port: number, slot: number): boolean {
  const lines = output.split('\n')
  for (let i = 0; i + 3 < lines.length; i++) {
    const start = Number(lines[i])
    const end = Number(lines[i + 1])
    if (lines[i + 2] === '127.0.0.1' && Number(lines[i + 3]) === port && start <= slot && slot <= end)
      return true
  }
  return false
}
