import { existsSync } from 'node:fs'
import { expect, test } from 'vitest'
import { RedisCluster, RedisServer } from '../src/index.ts'
import { portTaken } from '@x/testserver'

test('a server answers on 127.0.0.1, restarts on the same port with an empty dataset, and stop frees port and folder', async () => {
  const server = await RedisServer.start()
  try {
    expect(server.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/)
    expect(server.cli('SET', 'k', 'v')).toBe('OK')
    expect(server.cli('CONFIG', 'GET', 'save')).toBe('save')
    await server.restart()
    expect(server.cli('EXISTS', 'k')).toBe('0')
  } finally {
    await server.stop()
  }
  expect(await portTaken(server.port)).toBe(false)
  expect(existsSync(server.dir)).toBe(false)
})

test('a 3-node cluster covers all 16384 slots and routes a hash-tagged pair to one node', async () => {
  await using cluster = await RedisCluster.start()
  expect(cluster.nodes).toHaveLength(3)
  const info = cluster.nodes[0]!.cli('CLUSTER', 'INFO')
  expect(info).toMatch(/cluster_slots_ok:16384/)
  expect(info).toMatch(/cluster_known_nodes:3/)
  const slotA = cluster.nodes[0]!.cli('CLUSTER', 'KEYSLOT', 'x:{abc}:token')
  expect(cluster.nodes[0]!.cli('CLUSTER', 'KEYSLOT', 'x:{abc}:lease')).toBe(slotA)
})
