/**
 * Issue 17's figures: a cached-token GET through `@x/oauth2-redis`'s RedisTokenStore beside the in-memory store
 * (target: within 5%), and a renewal storm (P processes × W waiting requests on an expired token → token
 * requests and time until every request is served), with and without the shared store. Needs Redis: started
 * here through tooling/redis (installed when missing); without it the section is skipped with the reason.
 * The same file is the storm's child process (`node redis-store.ts storm-child ...`).
 */
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { ClientFactory, ClientInstance } from './clients/types.ts'
import { expectOk } from './clients/types.ts'
import { runWorkload, type Settings } from './runner.ts'
import { median, pairedRatio, type RssSampler } from './stats.ts'
import { JSON_1K } from './payloads.ts'

type Options = Record<string, unknown>
interface Session {
  request(
    method: string,
    url: string,
    options?: Options,
  ): Promise<{ statusCode: number; content: Uint8Array }>
  fetchToken(url: string, options?: Options): Promise<unknown>
  close(): Promise<void>
}
interface Modules {
  OAuth2Session: new (options: Options) => Session
  RedisTokenStore: new (options: Options) => { close(): Promise<void> }
  createClient: (options: Options) => {
    connect(): Promise<unknown>
    destroy(): void
    on(e: string, f: () => void): unknown
  }
}

export interface RedisStoreResult {
  skipped?: string
  cached: Array<{
    concurrency: number
    memoryRps: number
    redisRps: number
    ratio: number
    memoryCpuUs: number
    redisCpuUs: number
    redisCommands: number
  }>
  storms: Array<{
    processes: number
    waiters: number
    store: 'redis' | 'memory'
    tokenRequests: number
    ms: number
    failed: number
  }>
}

const SETTINGS: Record<string, Settings> = {
  quick: { warmupRounds: 2, rounds: 9, roundMs: 150 },
  full: { warmupRounds: 1, rounds: 15, roundMs: 300 },
}
const STORMS: Record<string, Array<[number, number]>> = {
  quick: [[8, 50]],
  full: [
    [8, 50],
    [8, 200],
  ],
}
const CACHED_CONCURRENCY: Record<string, number[]> = { quick: [10], full: [1, 10, 50] }

async function loadModules(): Promise<Modules | string> {
  try {
    const [oauth2, store, redis] = await Promise.all([
      import('@x/oauth2'),
      import('@x/oauth2-redis'),
      import('redis'),
    ])
    return {
      OAuth2Session: oauth2.OAuth2Session as unknown as Modules['OAuth2Session'],
      RedisTokenStore: store.RedisTokenStore as unknown as Modules['RedisTokenStore'],
      createClient: redis.createClient as unknown as Modules['createClient'],
    }
  } catch (error) {
    return `@x/oauth2 or @x/oauth2-redis not built (${(error as Error).message})`
  }
}

function sessionFactory(mods: Modules, key: 'memory' | 'redis', redisUrl: string): ClientFactory {
  return {
    key: `x-oauth2-${key}-store`,
    name:
      key === 'redis'
        ? '@x/oauth2 + RedisTokenStore (cached token)'
        : '@x/oauth2 + MemoryTokenStore (cached token)',
    ours: true,
    async create(origin): Promise<ClientInstance> {
      const redis = key === 'redis' ? mods.createClient({ url: redisUrl }) : undefined
      redis?.on('error', () => {})
      await redis?.connect()
      const tokenStore = redis ? new mods.RedisTokenStore({ client: redis }) : undefined
      const session = new mods.OAuth2Session({
        clientId: `bench-${key}`,
        clientSecret: 'bench-secret',
        ...(tokenStore ? { tokenStore } : {}),
      })
      await session.fetchToken(`${origin}/oauth/token`, { grantType: 'client_credentials' })
      return {
        prepare: (spec) => {
          const url = `${origin}${spec.path}`
          return async () => {
            const response = await session.request(spec.method, url)
            expectOk(response.statusCode, key)
            return response.content.length
          }
        },
        stream: () => Promise.reject(new Error('not measured here')),
        close: async () => {
          await session.close()
          await tokenStore?.close()
          redis?.destroy()
        },
      }
    },
  }
}

/** A token endpoint that counts requests and answers after 20 ms (a real one is slower still). */
async function countingTokenEndpoint() {
  let count = 0
  const server = createServer((req, res) => {
    count++
    req.resume()
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({ access_token: `t${count}-${Math.random()}`, token_type: 'Bearer', expires_in: 300 }),
      )
    }, 20)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    count: () => count,
    reset: () => {
      count = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function storm(
  mods: Modules,
  store: 'redis' | 'memory',
  processes: number,
  waiters: number,
  redisUrl: string,
  apiUrl: string,
): Promise<RedisStoreResult['storms'][number]> {
  const endpoint = await countingTokenEndpoint()
  const clientId = `storm-${Date.now()}-${Math.random()}`
  try {
    // the fleet's token, already expired, in Redis
    const redis = mods.createClient({ url: redisUrl })
    redis.on('error', () => {})
    await redis.connect()
    const seed = new mods.RedisTokenStore({ client: redis }) as unknown as {
      write(key: object, token: object): Promise<void>
      close(): Promise<void>
    }
    await seed.write(
      { issuer: endpoint.url, clientId },
      { access_token: 'old', token_type: 'Bearer', expires_at: Math.floor(Date.now() / 1000) - 10 },
    )
    await seed.close()
    redis.destroy()
    const self = fileURLToPath(import.meta.url)
    const args = ['storm-child', store, redisUrl, endpoint.url, clientId, apiUrl, String(waiters)]
    const children = Array.from({ length: processes }, () => fork(self, args, { execArgv: [] }))
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))))
    endpoint.reset()
    const started = performance.now()
    const results = await Promise.all(
      children.map(
        (child) =>
          new Promise<{ failed: number }>((resolve) => {
            child.once('message', (message: { failed: number }) => resolve(message))
            child.send('go')
          }),
      ),
    )
    const ms = performance.now() - started
    for (const child of children) child.kill()
    return {
      processes,
      waiters,
      store,
      tokenRequests: endpoint.count(),
      ms,
      failed: results.reduce((sum, r) => sum + r.failed, 0),
    }
  } finally {
    await endpoint.close()
  }
}

async function stormChild(argv: string[]): Promise<void> {
  const [store, redisUrl, tokenUrl, clientId, apiUrl, waiters] = argv as [
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const mods = await loadModules()
  if (typeof mods === 'string') throw new Error(mods)
  const redis = mods.createClient({ url: redisUrl })
  redis.on('error', () => {})
  await redis.connect()
  const tokenStore = new mods.RedisTokenStore({ client: redis })
  const session = new mods.OAuth2Session({
    clientId,
    clientSecret: 'bench-secret',
    tokenEndpoint: tokenUrl,
    grantType: 'client_credentials',
    ...(store === 'redis' ? { tokenStore } : {}),
  })
  process.send?.('ready')
  process.once('message', async () => {
    let failed = 0
    await Promise.all(
      Array.from({ length: Number(waiters) }, () =>
        session.request('GET', apiUrl).then(
          (r) => (r.statusCode === 200 ? undefined : failed++),
          () => failed++,
        ),
      ),
    )
    process.send?.({ failed })
  })
}

/** Both figures; `origin` is the bench server (its /json-1k and /oauth/token routes). */
export async function runRedisStore(
  origin: string,
  mode: string,
  sampler: RssSampler,
): Promise<RedisStoreResult> {
  const result: RedisStoreResult = { cached: [], storms: [] }
  const mods = await loadModules()
  if (typeof mods === 'string') return { ...result, skipped: mods }
  let server: { url: string; stop(): Promise<void>; cli(...args: string[]): string }
  try {
    const { RedisServer } = await import('@x/redis')
    server = await RedisServer.start()
  } catch (error) {
    return { ...result, skipped: `no Redis: ${(error as Error).message}` }
  }
  try {
    const factories = [sessionFactory(mods, 'memory', server.url), sessionFactory(mods, 'redis', server.url)]
    for (const concurrency of CACHED_CONCURRENCY[mode] ?? [10]) {
      const workload = {
        id: `redis-store-c${concurrency}`,
        title: `cached-token GET, c${concurrency}`,
        concurrency,
        spec: { method: 'GET' as const, path: '/json-1k', expectBytes: JSON_1K.length },
      }
      const commands = () => Number(/total_commands_processed:(\d+)/.exec(server.cli('INFO', 'stats'))?.[1])
      const before = commands()
      const [memory, redis] = await runWorkload(workload, factories, origin, SETTINGS[mode]!, sampler)
      // each measuring client's set-up and close talk to Redis a few times; the requests themselves should not
      const redisCommands = commands() - before - 1
      if (!memory || !redis || memory.skipped || redis.skipped) {
        return { ...result, skipped: memory?.skipped ?? redis?.skipped ?? 'a client failed' }
      }
      result.cached.push({
        concurrency,
        memoryRps: median(memory.rounds),
        redisRps: median(redis.rounds),
        ratio: pairedRatio(redis.rounds, memory.rounds),
        memoryCpuUs: memory.cpuUs,
        redisCpuUs: redis.cpuUs,
        redisCommands,
      })
    }
    for (const [processes, waiters] of STORMS[mode] ?? []) {
      for (const store of ['memory', 'redis'] as const) {
        result.storms.push(await storm(mods, store, processes, waiters, server.url, `${origin}/json-1k`))
      }
    }
  } finally {
    await server.stop()
  }
  return result
}

/** The section of the report: tables and the 5% target. */
export function redisStoreTable(result: RedisStoreResult): string {
  if (result.skipped) return `## Token store on Redis (issue 17)\n\nskipped: ${result.skipped}\n`
  const lines = ['## Token store on Redis (issue 17)', '']
  lines.push(
    '| cached-token GET, 1 KiB | MemoryTokenStore req/s | RedisTokenStore req/s | Redis / memory | target >= 0.95 | CPU µs/req memory / Redis | Redis commands in the run |',
  )
  lines.push('| --- | --- | --- | --- | --- | --- | --- |')
  for (const c of result.cached) {
    const met = c.ratio >= 0.95 ? 'MET' : 'MISSED'
    lines.push(
      `| c${c.concurrency} | ${c.memoryRps.toFixed(0)} | ${c.redisRps.toFixed(0)} | ${c.ratio.toFixed(3)}x | ${met} | ${c.memoryCpuUs.toFixed(0)} / ${c.redisCpuUs.toFixed(0)} | ${c.redisCommands} |`,
    )
  }
  lines.push(
    '',
    '| renewal storm: processes × waiters, expired token | store | token requests | all served in | failed |',
  )
  lines.push('| --- | --- | --- | --- | --- |')
  for (const s of result.storms) {
    lines.push(
      `| ${s.processes} × ${s.waiters} | ${s.store === 'redis' ? 'RedisTokenStore' : 'in-memory (per process)'} | ${s.tokenRequests} | ${s.ms.toFixed(0)} ms | ${s.failed} |`,
    )
  }
  return `${lines.join('\n')}\n`
}

if (process.argv[2] === 'storm-child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  await stormChild(process.argv.slice(3))
}
