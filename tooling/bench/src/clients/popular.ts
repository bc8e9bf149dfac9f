/**
 * The clients people use today: axios, got, node-fetch and ky, each with its defaults (retries, timeouts and
 * decompression as shipped) and a keep-alive agent sized to the concurrency where the client takes one.
 * Each library is imported on first use, so a child process measuring one client loads only that one.
 */
import http from 'node:http'
import type { Readable } from 'node:stream'
import type { ClientFactory, ClientInstance, RequestSpec } from './types.ts'
import { expectOk } from './types.ts'

function agentFor(connections: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: connections, keepAliveMsecs: 60_000 })
}

function headersOf(spec: RequestSpec): Record<string, string> {
  return spec.body === undefined ? {} : { 'content-type': 'application/json' }
}

async function countStream(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0
  for await (const chunk of body) bytes += chunk.length
  return bytes
}

export const axiosClient: ClientFactory = {
  key: 'axios',
  name: 'axios',
  ours: false,
  async create(origin, connections): Promise<ClientInstance> {
    const { default: axios } = await import('axios')
    const agent = agentFor(connections)
    const client = axios.create({ httpAgent: agent, responseType: 'arraybuffer' })
    return {
      prepare(spec) {
        const config = {
          url: origin + spec.path,
          method: spec.method,
          data: spec.body,
          headers: headersOf(spec),
        }
        return async () => {
          const res = await client.request<Buffer>(config)
          expectOk(res.status, 'axios')
          return res.data.length
        }
      },
      async stream(path) {
        const res = await client.get<Readable>(origin + path, { responseType: 'stream' })
        return countStream(res.data)
      },
      close: async () => agent.destroy(),
    }
  },
}

export const gotClient: ClientFactory = {
  key: 'got',
  name: 'got',
  ours: false,
  async create(origin, connections): Promise<ClientInstance> {
    const { default: got } = await import('got')
    const agent = agentFor(connections)
    const client = got.extend({ agent: { http: agent } })
    return {
      prepare(spec) {
        const url = origin + spec.path
        const options = {
          method: spec.method,
          headers: headersOf(spec),
          ...(spec.body === undefined ? {} : { body: spec.body }),
        }
        return async () => (await client(url, options).buffer()).length
      },
      stream: (path) => countStream(client.stream(origin + path)),
      close: async () => agent.destroy(),
    }
  },
}

export const nodeFetchClient: ClientFactory = {
  key: 'node-fetch',
  name: 'node-fetch',
  ours: false,
  async create(origin, connections): Promise<ClientInstance> {
    const { default: nodeFetch } = await import('node-fetch')
    const agent = agentFor(connections)
    return {
      prepare(spec) {
        const url = origin + spec.path
        const init = {
          method: spec.method,
          headers: headersOf(spec),
          agent,
          ...(spec.body === undefined ? {} : { body: spec.body }),
        }
        return async () => {
          const res = await nodeFetch(url, init)
          const buffer = await res.arrayBuffer()
          expectOk(res.status, 'node-fetch')
          return buffer.byteLength
        }
      },
      async stream(path) {
        const res = await nodeFetch(origin + path, { agent })
        return res.body === null ? 0 : countStream(res.body as AsyncIterable<Buffer>)
      },
      close: async () => agent.destroy(),
    }
  },
}

/** ky runs on Node's global fetch (its bundled undici, default dispatcher): what ky users get. */
export const kyClient: ClientFactory = {
  key: 'ky',
  name: 'ky (global fetch)',
  ours: false,
  async create(origin): Promise<ClientInstance> {
    const { default: ky } = await import('ky')
    return {
      prepare(spec) {
        const url = origin + spec.path
        const options = {
          method: spec.method,
          headers: headersOf(spec),
          ...(spec.body === undefined ? {} : { body: spec.body }),
        }
        return async () => (await ky(url, options).arrayBuffer()).byteLength
      },
      async stream(path) {
        const res = await ky(origin + path)
        return res.body === null ? 0 : countStream(res.body)
      },
      close: async () => {},
    }
  },
}
