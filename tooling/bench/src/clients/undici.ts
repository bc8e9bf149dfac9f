/** undici request(), dispatch() and fetch() on a Pool with one connection per unit of concurrency. */
import { type Dispatcher, fetch, interceptors, Pool, request } from 'undici'
import type { ClientFactory, ClientInstance, RequestSpec } from './types.ts'
import { expectOk } from './types.ts'

interface Dispatchers {
  pool: Pool
  pick(spec: RequestSpec): Dispatcher
}

function dispatchers(origin: string, connections: number): Dispatchers {
  const pool = new Pool(origin, { connections })
  const redirecting = pool.compose(interceptors.redirect({ maxRedirections: 3 }))
  const decompressing = pool.compose(interceptors.decompress())
  return {
    pool,
    pick: (spec) => (spec.redirects === true ? redirecting : spec.gzip === true ? decompressing : pool),
  }
}

function headersOf(spec: RequestSpec): Record<string, string> | undefined {
  return spec.body === undefined ? undefined : { 'content-type': 'application/json' }
}

export const undiciRequest: ClientFactory = {
  key: 'undici-request',
  name: 'undici request()',
  ours: false,
  async create(origin, connections): Promise<ClientInstance> {
    const d = dispatchers(origin, connections)
    return {
      prepare(spec) {
        const url = origin + spec.path
        const headers = headersOf(spec)
        const options = {
          method: spec.method,
          dispatcher: d.pick(spec),
          ...(spec.body === undefined ? {} : { body: spec.body }),
          ...(headers === undefined ? {} : { headers }),
        }
        return async () => {
          const { statusCode, body } = await request(url, options)
          const bytes = await body.bytes()
          expectOk(statusCode, 'undici request()')
          return bytes.length
        }
      },
      async stream(path) {
        const { body } = await request(origin + path, { dispatcher: d.pool })
        let bytes = 0
        for await (const chunk of body) bytes += (chunk as Buffer).length
        return bytes
      },
      close: () => d.pool.close(),
    }
  },
}

/** The lowest-level undici API: a handler object that collects the chunks itself. */
function dispatchOnce(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  keep: boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let status = 0
    let bytes = 0
    dispatcher.dispatch(options, {
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode
      },
      onResponseData(_controller, chunk) {
        bytes += chunk.length
        if (keep) chunks.push(chunk)
      },
      onResponseEnd() {
        if (status !== 200) return reject(new Error(`undici dispatch(): HTTP ${status}`))
        resolve(keep ? Buffer.concat(chunks).length : bytes)
      },
      onResponseError(_controller, error) {
        reject(error)
      },
    })
  })
}

export const undiciDispatch: ClientFactory = {
  key: 'undici-dispatch',
  name: 'undici dispatch()',
  ours: false,
  async create(origin, connections): Promise<ClientInstance> {
    const d = dispatchers(origin, connections)
    return {
      prepare(spec) {
        const headers = headersOf(spec)
        const options: Dispatcher.DispatchOptions = {
          origin,
          path: spec.path,
          method: spec.method,
          ...(spec.body === undefined ? {} : { body: spec.body }),
          ...(headers === undefined ? {} : { headers }),
        }
        const dispatcher = d.pick(spec)
        return () => dispatchOnce(dispatcher, options, true)
      },
      stream: (path) => dispatchOnce(d.pool, { origin, path, method: 'GET' }, false),
      close: () => d.pool.close(),
    }
  },
}

export const undiciFetch: ClientFactory = {
  key: 'undici-fetch',
  name: 'undici fetch()',
  ours: false,
  async create(origin, connections): Promise<ClientInstance> {
    const d = dispatchers(origin, connections)
    return {
      prepare(spec) {
        const url = origin + spec.path
        const headers = headersOf(spec)
        const init = {
          method: spec.method,
          dispatcher: d.pool,
          ...(spec.body === undefined ? {} : { body: spec.body }),
          ...(headers === undefined ? {} : { headers }),
        }
        return async () => {
          const res = await fetch(url, init)
          const buffer = await res.arrayBuffer()
          expectOk(res.status, 'undici fetch()')
          return buffer.byteLength
        }
      },
      async stream(path) {
        const res = await fetch(origin + path, { dispatcher: d.pool })
        let bytes = 0
        for await (const chunk of res.body ?? []) bytes += chunk.length
        return bytes
      },
      close: () => d.pool.close(),
    }
  },
}
