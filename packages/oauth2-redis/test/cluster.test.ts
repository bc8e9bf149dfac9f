import { RedisCluster } from '@x/redis'
import { disposed } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { RedisTokenStore, redisTokenKeys } from '../src/index.js'
import { type Cluster, connectCluster, freshKey, test as redisTest } from './helpers/redis.js'
import { renewer, tokenFor } from './helpers/tokens.js'

/** A 3-node Redis Cluster for the file, stopped after its last test. */
const test = redisTest.extend(
  'cluster',
  { scope: 'file' },
  disposed(() => RedisCluster.start()),
)

test('on a 3-node cluster: token, lease and channel share a slot; 8 cluster clients renew once', async ({
  cluster,
}) => {
  const clients: Cluster[] = await Promise.all(Array.from({ length: 8 }, () => connectCluster(cluster.urls)))
  const stores = clients.map((client) => new RedisTokenStore({ client, pollInterval: 30_000 }))
  const keys = Array.from({ length: 6 }, (_, i) => freshKey(`user-${i}`))
  const node = cluster.nodes[0]!
  const slots = new Set<string>()
  for (const key of keys) {
    const names = redisTokenKeys(key)
    const slot = node.cli('CLUSTER', 'KEYSLOT', names.token)
    expect(node.cli('CLUSTER', 'KEYSLOT', names.lease)).toBe(slot)
    expect(node.cli('CLUSTER', 'KEYSLOT', names.channel)).toBe(slot)
    slots.add(slot)
  }
  expect(slots.size).toBeGreaterThan(1) // the keys spread over the cluster

  for (const key of keys) {
    await stores[0]!.write(key, tokenFor('expired', -10))
    const { calls, renew } = renewer({ delayMs: 50 })
    const results = await Promise.all(stores.map((store) => store.renew(key, renew)))
    expect(calls.requests).toBe(1)
    expect(new Set(results.map((token) => token.access_token)).size).toBe(1)
  }
  await Promise.all(stores.map((store) => store.close()))
  for (const client of clients) client.destroy()
}, 80_000) // starting the cluster takes up to a minute when redis-server must first be installed
