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
  request?: (method: string, url: string, options?: Options) => Promise<SessionResponse>
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

/** `sized`: `maxSize` = the concurrency, as a tuned app would; otherwise `new PoolManager()` as the README shows. */
function poolFactory(mod: PoolModule, sized: boolean): ClientFactory {
  return {
    key: sized ? 'x-pool' : 'x-pool-default',
    name: sized ? '@x/pool PoolManager.request' : '@x/pool new PoolManager() (defaults)',
    ours: true,
    defaults: !sized,
    async create(origin, connections): Promise<ClientInstance> {
      const manager = new mod.PoolManager(sized ? { maxSize: connections } : undefined)
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

function sessionInstance(
  session: Pick<Session, 'request' | 'close'>,
  origin: string,
  what: string,
): ClientInstance {
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

/** `sized`: an `HTTPAdapter` with `poolMaxsize` = the concurrency mounted; otherwise `new Session()` as is. */
function requestsFactory(mod: RequestsModule, sized: boolean): ClientFactory {
  return {
    key: sized ? 'x-requests' : 'x-requests-default',
    name: sized ? '@x/requests Session' : '@x/requests new Session() (defaults)',
    ours: true,
    defaults: !sized,
    async create(origin, connections) {
      const session = new mod.Session()
      if (sized) mountAdapter(mod, session, connections)
      return sessionInstance(session, origin, '@x/requests')
    },
  }
}

/** The module-level functions (`requests.get(url)`), the first thing the README shows. */
function requestsGetFactory(request: NonNullable<RequestsModule['request']>): ClientFactory {
  return {
    key: 'x-requests-get',
    name: '@x/requests module-level get()',
    ours: true,
    defaults: true,
    async create(origin) {
      return sessionInstance({ request, close: async () => {} }, origin, '@x/requests get()')
    },
  }
}

function oauth2Factory(
  mod: OAuth2Module,
  requests: RequestsModule | undefined,
  sized: boolean,
): ClientFactory {
  return {
    key: sized ? 'x-oauth2' : 'x-oauth2-default',
    name: sized
      ? '@x/oauth2 OAuth2Session (cached token)'
      : '@x/oauth2 new OAuth2Session() (defaults, cached token)',
    ours: true,
    defaults: !sized,
    async create(origin, connections) {
      const session = new mod.OAuth2Session({ clientId: 'bench-client', clientSecret: 'bench-secret' })
      if (requests !== undefined && sized) mountAdapter(requests, session, connections)
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

/** The package a client key measures (`x-requests-get` → `x-requests`). */
const packageKey = (key: string) => key.replace(/-(default|get)$/, '')

/** Loads our packages; with `only`, just the one a child process measures (and what it builds on). */
export async function loadOurs(only?: string): Promise<OursLoaded> {
  const factories: ClientFactory[] = []
  const skipped: SkippedClient[] = []
  const warnings: string[] = []
  const want = (key: string) => only === undefined || packageKey(only) === key
  const add = (factory: ClientFactory) => {
    if (only === undefined || only === factory.key) factories.push(factory)
  }
  if (want('x-pool')) {
    const pool = await loadPool()
    if (typeof pool === 'string') skipped.push({ key: 'x-pool', name: '@x/pool', reason: pool })
    else for (const sized of [true, false]) add(poolFactory(pool, sized))
  }
  const requests =
    want('x-requests') || want('x-oauth2') ? await load<RequestsModule>('@x/requests', 'Session') : undefined
  if (want('x-requests') && requests !== undefined) {
    if (typeof requests === 'string')
      skipped.push({ key: 'x-requests', name: '@x/requests', reason: requests })
    else {
      for (const sized of [true, false]) add(requestsFactory(requests, sized))
      if (typeof requests.request === 'function') add(requestsGetFactory(requests.request))
    }
  }
  if (want('x-oauth2')) {
    const oauth2 = await load<OAuth2Module>('@x/oauth2', 'OAuth2Session')
    if (typeof oauth2 === 'string') skipped.push({ key: 'x-oauth2', name: '@x/oauth2', reason: oauth2 })
    else {
      const mod = typeof requests === 'object' ? requests : undefined
      for (const sized of [true, false]) add(oauth2Factory(oauth2, mod, sized))
    }
  }
  for (const [key, name] of Object.entries(PACKAGES)) {
    const warning = want(key) ? staleness(name) : undefined
    if (warning !== undefined) warnings.push(warning)
  }
  return { factories, skipped, warnings }
}
