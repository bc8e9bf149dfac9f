import { RedisServer } from '@x/redis'
import { createClient, createCluster } from 'redis'
import { test as base } from 'vitest'

export type Client = Awaited<ReturnType<typeof connect>>
export type Cluster = Awaited<ReturnType<typeof connectCluster>>

/** A node-redis client that reconnects quickly and never crashes the test on a lost connection. */
export async function connect(url: string) {
  const client = createClient({ url, socket: { reconnectStrategy: () => 50, connectTimeout: 1_000 } })
  client.on('error', () => {})
  await client.connect()
  return client
}

export async function connectCluster(urls: string[]) {
  const cluster = createCluster({
    rootNodes: urls.map((url) => ({ url })),
    defaults: { socket: { reconnectStrategy: () => 50, connectTimeout: 1_000 } },
  })
  cluster.on('error', () => {})
  await cluster.connect()
  return cluster
}

/** REDIS_URL (with-redis.sh), failing with the reason when Redis could not be had. */
export function redisUrl(): string {
  const url = process.env.REDIS_URL
  if (url) return url
  throw new Error(
    `no Redis for this suite: ${process.env.REDIS_UNAVAILABLE ?? 'REDIS_URL is not set (run through tooling/redis/with-redis.sh)'}`,
  )
}

let unique = 0
/** A key nobody else in this run uses. */
export function freshKey(subject?: string) {
  unique++
  return {
    issuer: `http://127.0.0.1/issuer-${process.pid}-${Date.now()}-${unique}`,
    clientId: 'svc',
    ...(subject === undefined ? {} : { subject }),
  }
}

export const test = base.extend<{
  redis: Client
  connectMore: (n: number) => Promise<Client[]>
  server: RedisServer
}>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies by destructuring
  redis: async ({}, use) => {
    const client = await connect(redisUrl())
    await use(client)
    client.destroy()
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above
  connectMore: async ({}, use) => {
    const clients: Client[] = []
    await use(async (n) => {
      const more = await Promise.all(Array.from({ length: n }, () => connect(redisUrl())))
      clients.push(...more)
      return more
    })
    for (const client of clients) client.destroy()
  },
  // A Redis of the test's own, for tests that stop and restart it.
  // biome-ignore lint/correctness/noEmptyPattern: as above
  server: async ({}, use) => {
    const server = await RedisServer.start()
    await use(server)
    await server.stop()
  },
})
