/**
 * The benchmark server, run in its own process: `node server.ts [--ports N] [--port P --reuse-port]`.
 * Prints one JSON line on stdout, `{"port":1234}` or `{"ports":[...]}`, then serves until stdin closes or
 * SIGTERM. Every answer has a Content-Length, so the raw node:net client can frame responses.
 */
import http from 'node:http'
import { parseArgs } from 'node:util'
import { DELAY_BODY_SIZE, GZIP_BODY, JSON_1K, STREAM_CHUNK_SIZE, TOKEN_BODY } from './payloads.ts'

const JSON_TYPE = 'application/json'
const bytesCache = new Map<number, Buffer>()
const streamChunk = Buffer.alloc(STREAM_CHUNK_SIZE, 'abcdefghijklmnopqrstuvwxyz')
const delayBody = Buffer.alloc(DELAY_BODY_SIZE, 'd')
let openConnections = 0

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: Buffer,
  extra?: http.OutgoingHttpHeaders,
) {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length, ...extra })
  res.end(body)
}

function bytesOf(n: number): Buffer {
  let body = bytesCache.get(n)
  if (body === undefined) {
    body = Buffer.alloc(n, 'b')
    bytesCache.set(n, body)
  }
  return body
}

/** Streams `total` bytes from one reused buffer, honouring back-pressure. */
function stream(res: http.ServerResponse, total: number) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total })
  let left = total
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, streamChunk.length)
      left -= n
      const ok = res.write(n === streamChunk.length ? streamChunk : streamChunk.subarray(0, n))
      if (!ok) return void res.once('drain', pump)
    }
    res.end()
  }
  pump()
}

function drain(req: http.IncomingMessage, done: (bytes: number) => void) {
  let bytes = 0
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length
  })
  req.on('end', () => done(bytes))
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = req.url ?? '/'
  const [, route = '', arg = ''] = url.split('/')
  switch (route) {
    case 'json-1k':
      return send(res, 200, JSON_TYPE, JSON_1K)
    case 'bytes':
      return send(res, 200, 'application/octet-stream', bytesOf(Math.min(Number(arg) || 0, 64 * 1024 * 1024)))
    case 'delay-64k':
      return void setTimeout(() => send(res, 200, 'application/octet-stream', delayBody), 1)
    case 'sleep':
      return void setTimeout(() => send(res, 200, JSON_TYPE, Buffer.from('{"slept":true}')), Number(arg) || 0)
    case 'post':
      return drain(req, (n) => send(res, 200, JSON_TYPE, Buffer.from(`{"received":${n}}`)))
    case 'stream':
      return stream(res, Number(arg) || 0)
    case 'gzip-json':
      return send(res, 200, JSON_TYPE, GZIP_BODY, { 'content-encoding': 'gzip' })
    case 'redirect': {
      const n = Number(arg) || 0
      const location = n > 1 ? `/redirect/${n - 1}` : '/json-1k'
      return send(res, 302, 'text/plain', Buffer.alloc(0), { location })
    }
    case 'oauth':
      return drain(req, () => send(res, 200, JSON_TYPE, TOKEN_BODY, { 'cache-control': 'no-store' }))
    case '__stats':
      return send(res, 200, JSON_TYPE, Buffer.from(JSON.stringify({ connections: openConnections })))
    default:
      return send(res, 404, 'text/plain', Buffer.from('not found'))
  }
}

function createServer(): http.Server {
  const server = http.createServer(
    { keepAliveTimeout: 120_000, requestTimeout: 0, headersTimeout: 60_000 },
    handle,
  )
  server.keepAliveTimeout = 120_000
  server.on('connection', (socket) => {
    openConnections++
    socket.setNoDelay(true)
    socket.on('close', () => openConnections--)
  })
  return server
}

function listen(server: http.Server, port: number, reusePort: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port, backlog: 4096, reusePort }, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : 0)
    })
  })
}

const { values } = parseArgs({
  options: { ports: { type: 'string' }, port: { type: 'string' }, 'reuse-port': { type: 'boolean' } },
})
const servers: http.Server[] = []
if (values.ports !== undefined) {
  const ports: number[] = []
  for (let i = 0; i < Number(values.ports); i++) {
    const server = createServer()
    servers.push(server)
    ports.push(await listen(server, 0, false))
  }
  process.stdout.write(`${JSON.stringify({ ports })}\n`)
} else {
  const server = createServer()
  servers.push(server)
  const port = await listen(server, Number(values.port ?? 0), values['reuse-port'] === true)
  process.stdout.write(`${JSON.stringify({ port })}\n`)
}

const stop = () => {
  for (const server of servers) server.closeAllConnections()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.stdin.on('end', stop)
process.stdin.resume()
