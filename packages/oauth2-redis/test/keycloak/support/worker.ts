// One process of the fleet (forked by fleet.ts): an OAuth2Session on a RedisTokenStore, driven over IPC.
// Runs on the built packages (node strips this file's types; test:keycloak builds the package first).
import { OAuth2Session, OAuth2Token } from '@x/oauth2'
import { RedisTokenStore, type UnavailablePolicy } from '@x/oauth2-redis'
import { createClient, createCluster } from 'redis'

export interface WorkerConfig {
  redis: { url: string } | { cluster: string[] }
  tokenEndpoint: string
  clientId: string
  clientSecret: string
  grantType?: string
  whenUnavailable?: UnavailablePolicy
  leaseTtl?: number
  /** 'memory': no shared store, each process on its own (the control); default 'redis'. */
  store?: 'redis' | 'memory'
  /** A token the session starts with (the control's shared refresh token). */
  token?: Record<string, unknown>
}

export type Command =
  | { cmd: 'setup'; config: WorkerConfig }
  | { cmd: 'burst'; n: number; url: string }
  | { cmd: 'expire' }
  | { cmd: 'pending' }
  | { cmd: 'connected' }
  | { cmd: 'close' }

export interface BurstResult {
  ok: number
  failures: Record<string, number>
}

type Redis = {
  readonly isReady: boolean
  destroy(): void
  on(event: 'error', listener: (error: Error) => void): unknown
}
let redis: Redis | undefined
let store: RedisTokenStore | undefined
let session: OAuth2Session | undefined

async function teardown(): Promise<void> {
  await session?.close()
  await store?.close()
  redis?.destroy()
  session = undefined
  store = undefined
  redis = undefined
}

async function setup(config: WorkerConfig): Promise<void> {
  await teardown()
  const socket = { reconnectStrategy: () => 100, connectTimeout: 1_000 }
  const client =
    'url' in config.redis
      ? createClient({ url: config.redis.url, socket })
      : createCluster({ rootNodes: config.redis.cluster.map((url) => ({ url })), defaults: { socket } })
  client.on('error', () => {})
  await client.connect()
  redis = client
  store = new RedisTokenStore({
    client,
    whenUnavailable: config.whenUnavailable ?? 'memory',
    leaseTtl: config.leaseTtl ?? 15_000,
    commandTimeout: 1_000,
    retryInterval: 200,
  })
  session = new OAuth2Session({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    tokenEndpoint: config.tokenEndpoint,
    ...(config.store === 'memory' ? {} : { tokenStore: store }),
    ...(config.token === undefined ? {} : { token: config.token as { access_token: string } }),
    ...(config.grantType === undefined ? {} : { grantType: config.grantType }),
  })
}

async function burst(n: number, url: string): Promise<BurstResult> {
  const result: BurstResult = { ok: 0, failures: {} }
  const current = session
  if (!current) throw new Error('burst before setup')
  await Promise.all(
    Array.from({ length: n }, async () => {
      try {
        const response = await current.get(url)
        if (response.statusCode === 200) result.ok++
        else
          result.failures[`HTTP ${response.statusCode}`] =
            (result.failures[`HTTP ${response.statusCode}`] ?? 0) + 1
      } catch (error) {
        const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } }
        const label = `${e.code ?? e.cause?.code ?? e.name}: ${e.message}`
        result.failures[label] = (result.failures[label] ?? 0) + 1
      }
    }),
  )
  return result
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'setup':
      return setup(command.config)
    case 'burst':
      return burst(command.n, command.url)
    case 'expire': {
      // This process's copy expired (a long pause, a suspended VM): the next request must renew.
      const token = session?.token
      if (session && token)
        session.token = new OAuth2Token({ ...token.toJSON(), expires_at: Math.floor(Date.now() / 1000) - 1 })
      return undefined
    }
    case 'pending':
      return store?.pendingWrites ?? 0
    case 'connected':
      return redis?.isReady === true
    case 'close':
      await teardown()
      setImmediate(() => process.exit(0))
      return undefined
  }
}

process.on('message', (message: { id: number } & Command) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  )
})
process.send?.({ ready: true })
