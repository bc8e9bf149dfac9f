/** node:http with a keep-alive agent: the baseline most Node code starts from. */
import http from 'node:http'
import { createGunzip } from 'node:zlib'
import type { Readable } from 'node:stream'
import type { ClientFactory, ClientInstance, RequestSpec } from './types.ts'
import { expectOk } from './types.ts'

function collect(body: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    body.on('data', (chunk: Buffer) => chunks.push(chunk))
    body.on('end', () => resolve(Buffer.concat(chunks)))
    body.on('error', reject)
  })
}

function send(
  agent: http.Agent,
  port: number,
  spec: RequestSpec,
  path: string,
  hops: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders =
      spec.body === undefined ? {} : { 'content-type': 'application/json' }
    const req = http.request(
      { agent, host: '127.0.0.1', port, path, method: spec.method, headers },
      (res) => {
        const status = res.statusCode ?? 0
        const location = res.headers.location
        if (status >= 300 && status < 400 && location !== undefined && hops < 5) {
          res.resume()
          res.on('end', () => resolve(send(agent, port, spec, location, hops + 1)))
          return
        }
        const gzip = res.headers['content-encoding'] === 'gzip'
        const body: Readable = gzip ? res.pipe(createGunzip()) : res
        collect(body).then((buffer) => {
          expectOk(status, 'node:http')
          resolve(buffer.length)
        }, reject)
      },
    )
    req.on('error', reject)
    req.end(spec.body)
  })
}

function streamBody(agent: http.Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, path }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      res.on('end', () => resolve(bytes))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export const nodeHttp: ClientFactory = {
  key: 'node-http',
  name: 'node:http (keep-alive agent)',
  ours: false,
  async create(origin: string, connections: number): Promise<ClientInstance> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections, keepAliveMsecs: 60_000 })
    const port = Number(new URL(origin).port)
    return {
      prepare: (spec) => () => send(agent, port, spec, spec.path, 0),
      stream: (path) => streamBody(agent, port, path),
      close: async () => agent.destroy(),
    }
  },
}
