/**
 * Our packages, imported by name from their built dist (what users install). Typed structurally here so the
 * bench does not depend on how far each package has come: a package that is not built, or lacks the API,
 * is skipped with the reason printed.
 */
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ClientFactory, ClientInstance, RequestSpec, SkippedClient } from './types.ts'
import { expectOk } from './types.ts'

type Options = Record<string, unknown>
interface PoolResponse {
  status: number
  data: Uint8Array
  stream(): AsyncIterable<Uint8Array>
  releaseConn(): void
}
export interface PoolManager {
  request(method: string, url: string, options?: Options): Promise<PoolResponse>
  close(): Promise<void>
}
export interface PoolModule {
  PoolManager: new (options?: Options) => PoolManager
}
interface SessionResponse {
  statusCode: number
  content: Uint8Array
  iterContent(options?: { chunkSize?: number }): AsyncIterable<Uint8Array>
  close(): void
}
interface Session {
  request(method: string, url: string, options?: Options): Promise<SessionResponse>
  mount(prefix: string, adapter: unknown): void
  close(): Promise<void>
}
interface RequestsModule {
  Session: new (options?: Options) => Session
  HTTPAdapter?: new (options?: Options) => unknown
}
interface OAuth2Session extends Session {
  fetchToken(url: string, options?: Options): Promise<unknown>
}
interface OAuth2Module {
  OAuth2Session: new (options?: Options) => OAuth2Session
}

const require = createRequire(import.meta.url)

/** Warns when src/ was changed after dist/ was built: the bench would measure stale code. */
function staleness(name: string): string | undefined {
  try {
    const dir = dirname(require.resolve(`${name}/package.json`))
    const dist = statSync(join(dir, 'dist', 'index.js')).mtimeMs
    const src = statSync(join(dir, 'src', 'index.ts')).mtimeMs
    return src > dist
      ? `${name}: src/index.ts is newer than dist/ (rebuild: pnpm --filter ${name} build)`
      : undefined
  } catch {
    return undefined
  }
}

async function load<T>(name: string, exportName: string): Promise<T | string> {
  try {
    const mod = (await import(name)) as Record<string, unknown>
    if (typeof mod[exportName] !== 'function')
      return `${name} has no ${exportName} export yet (not built or not landed)`
    return mod as T
  } catch (error) {
    return `${name} failed to import: ${(error as Error).message.split('\n')[0]}`
  }
}

const bodyOptions = (spec: RequestSpec): Options =>
  spec.body === undefined ? {} : { body: spec.body, headers: { 'content-type': 'application/json' } }

function poolFactory(mod: PoolModule): ClientFactory {
  return {
    key: 'x-pool',
    name: '@x/pool PoolManager.request',
    ours: true,
    async create(origin, connections): Promise<ClientInstance> {
      const manager = new mod.PoolManager({ maxSize: connections })
      return {
        prepare(spec) {
          const url = origin + spec.path
          const options = bodyOptions(spec)
          return async () => {
            const res = await manager.request(spec.method, url, options)
            expectOk(res.status, '@x/pool')
            return res.data.length
          }
        },
        async stream(path) {
          const res = await manager.request('GET', origin + path, { preloadContent: false })
          let bytes = 0
          for await (const chunk of res.stream()) bytes += chunk.length
          res.releaseConn()
          return bytes
        },
        close: () => manager.close(),
      }
    },
  }
}

function mountAdapter(mod: RequestsModule, session: Session, connections: number): void {
  if (mod.HTTPAdapter === undefined) return
  session.mount('http://', new mod.HTTPAdapter({ poolConnections: 10, poolMaxsize: connections }))
}

function sessionInstance(session: Session, origin: string, what: string): ClientInstance {
  return {
    prepare(spec) {
      const url = origin + spec.path
      const options: Options =
        spec.body === undefined ? {} : { data: spec.body, headers: { 'content-type': 'application/json' } }
      return async () => {
        const res = await session.request(spec.method, url, options)
        expectOk(res.statusCode, what)
        return res.content.length
      }
    },
    async stream(path) {
      const res = await session.request('GET', origin + path, { stream: true })
      let bytes = 0
      for await (const chunk of res.iterContent({ chunkSize: 64 * 1024 })) bytes += chunk.length
      res.close()
      return bytes
    },
    close: () => session.close(),
  }
}

function requestsFactory(mod: RequestsModule): ClientFactory {
  return {
    key: 'x-requests',
    name: '@x/requests Session',
    ours: true,
    async create(origin, connections) {
      const session = new mod.Session()
      mountAdapter(mod, session, connections)
      return sessionInstance(session, origin, '@x/requests')
    },
  }
}

function oauth2Factory(mod: OAuth2Module, requests: RequestsModule | undefined): ClientFactory {
  return {
    key: 'x-oauth2',
    name: '@x/oauth2 OAuth2Session (cached token)',
    ours: true,
    async create(origin, connections) {
      const session = new mod.OAuth2Session({ clientId: 'bench-client', clientSecret: 'bench-secret' })
      if (requests !== undefined) mountAdapter(requests, session, connections)
      await session.fetchToken(`${origin}/oauth/token`, { grantType: 'client_credentials' })
      return sessionInstance(session, origin, '@x/oauth2')
    },
  }
}

/** @x/pool's module, or why it cannot be used yet. */
export function loadPool(): Promise<PoolModule | string> {
  return load<PoolModule>('@x/pool', 'PoolManager')
}

export interface OursLoaded {
  factories: ClientFactory[]
  skipped: SkippedClient[]
  warnings: string[]
}

const PACKAGES: Record<string, string> = {
  'x-pool': '@x/pool',
  'x-requests': '@x/requests',
  'x-oauth2': '@x/oauth2',
}

/** Loads our packages; with `only`, just the one a child process measures (and what it builds on). */
export async function loadOurs(only?: string): Promise<OursLoaded> {
  const factories: ClientFactory[] = []
  const skipped: SkippedClient[] = []
  const warnings: string[] = []
  const want = (key: string) => only === undefined || only === key
  if (want('x-pool')) {
    const pool = await loadPool()
    if (typeof pool === 'string') skipped.push({ key: 'x-pool', name: '@x/pool', reason: pool })
    else factories.push(poolFactory(pool))
  }
  const requests =
    want('x-requests') || want('x-oauth2') ? await load<RequestsModule>('@x/requests', 'Session') : undefined
  if (want('x-requests') && requests !== undefined) {
    if (typeof requests === 'string')
      skipped.push({ key: 'x-requests', name: '@x/requests', reason: requests })
    else factories.push(requestsFactory(requests))
  }
  if (want('x-oauth2')) {
    const oauth2 = await load<OAuth2Module>('@x/oauth2', 'OAuth2Session')
    if (typeof oauth2 === 'string') skipped.push({ key: 'x-oauth2', name: '@x/oauth2', reason: oauth2 })
    else factories.push(oauth2Factory(oauth2, typeof requests === 'object' ? requests : undefined))
  }
  for (const [key, name] of Object.entries(PACKAGES)) {
    const warning = want(key) ? staleness(name) : undefined
    if (warning !== undefined) warnings.push(warning)
  }
  return { factories, skipped, warnings }
}
