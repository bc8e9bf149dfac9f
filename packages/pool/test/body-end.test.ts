import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import zlib from 'node:zlib'
import { startRawServer, startHttpServer } from '@x/testserver'
import { disposed } from '@x/testserver/vitest'
import { test as base, describe, expect } from 'vitest'
import { PoolManager } from '../src/index.js'

// A server may close the connection right after a complete response (RFC 9112 section 9.6), with or without
// `Connection: close`. The response is complete: it must never fail, whatever the decoder or the reader was doing.

const KiB = 1024
const MiB = 1024 * KiB
/** Hex text: compresses about 2:1, so an 8 MiB body is still megabytes on the wire. */
const sizes = [KiB, 80 * KiB, 128 * KiB, 160 * KiB, MiB, 8 * MiB]
const bodies = new Map(sizes.map((size) => [size, Buffer.from(randomBytes(size / 2).toString('hex'))]))
const gzipped = new Map([...bodies].map(([size, body]) => [size, zlib.gzipSync(body)]))

/** The raw server, with `written()`: settles when it has written the last response and its FIN. */
async function startBodyServer() {
  let written: Promise<void> = Promise.resolve()
  const raw = await startRawServer((socket: Socket, request) => {
    const url = new URL(request.path, 'http://x')
    const size = Number(url.searchParams.get('size'))
    const gzip = url.searchParams.get('enc') === 'gzip'
    const body = (gzip ? gzipped : bodies).get(size)!
    const head = [
      'HTTP/1.1 200 OK',
      `Content-Length: ${body.length}`,
      ...(gzip ? ['Content-Encoding: gzip'] : []),
      ...(url.searchParams.has('close') ? ['Connection: close'] : []),
      '',
      '',
    ].join('\r\n')
    socket.write(head)
    written = new Promise((resolve) => socket.end(body, () => resolve()))
  })
  return Object.assign(raw, { written: () => written })
}

const test = base.extend('raw', { scope: 'file' }, disposed(startBodyServer)).extend(
  'http',
  { scope: 'file' },
  disposed(() =>
    startHttpServer((req, res) => {
      const body = gzipped.get(Number(new URL(req.url!, 'http://x').searchParams.get('size')))!
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length, connection: 'close' })
      res.end(body)
    }),
  ),
)

const cases = [KiB, MiB, 8 * MiB].flatMap((size) =>
  ['gzip', 'identity'].flatMap((enc) => [false, true].map((close) => ({ size, enc, close }))),
)
const label = '$size bytes, $enc, Connection: close $close'
const path = (raw: { url: string }, c: { size: number; enc: string; close: boolean }) =>
  `${raw.url}/?size=${c.size}&enc=${c.enc}${c.close ? '&close' : ''}`

describe('server closes right after a complete response with Content-Length', () => {
  test.for(cases)(`preloaded: ${label}`, async (c, { raw }) => {
    await using pm = new PoolManager({ retries: false, maxResponseSize: 64 * MiB })
    const resp = await pm.request('GET', path(raw, c))
    expect(resp.status).toBe(200)
    expect(Buffer.from(resp.data).equals(bodies.get(c.size)!)).toBe(true)
  })

  test.for(cases)(`streamed, slow reader: ${label}`, async (c, { raw }) => {
    await using pm = new PoolManager({ retries: false, maxResponseSize: 64 * MiB })
    const resp = await pm.request('GET', path(raw, c), { preloadContent: false })
    const chunks: Uint8Array[] = []
    for await (const chunk of resp.stream()) {
      chunks.push(chunk)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    expect(Buffer.concat(chunks).equals(bodies.get(c.size)!)).toBe(true)
  })

  // The body fits the socket buffers: the whole response and the FIN arrive while the reader has not started,
  // so the last chunk lands on a full queue (or a backed-up decoder) and would pause undici's parser at the end.
  test.for([
    { size: 80 * KiB, enc: 'identity' },
    { size: 128 * KiB, enc: 'gzip' },
    { size: 160 * KiB, enc: 'gzip' },
  ])('streamed, reader starts after the server closed: $size bytes, $enc', async ({ size, enc }, { raw }) => {
    await using pm = new PoolManager({ retries: false })
    const resp = await pm.request('GET', path(raw, { size, enc, close: false }), { preloadContent: false })
    await raw.written()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const chunks: Uint8Array[] = []
    for await (const chunk of resp.stream()) chunks.push(chunk)
    expect(Buffer.concat(chunks).equals(bodies.get(size)!)).toBe(true)
  })
})

describe('node:http with Connection: close after a gzip body', () => {
  test.for([MiB, 8 * MiB])('%i bytes, preloaded and streamed', async (size, { http }) => {
    await using pm = new PoolManager({ retries: false, maxResponseSize: 64 * MiB })
    const preloaded = await pm.request('GET', `${http.url}/?size=${size}`)
    expect(Buffer.from(preloaded.data).equals(bodies.get(size)!)).toBe(true)
    const streamed = await pm.request('GET', `${http.url}/?size=${size}`, { preloadContent: false })
    const chunks: Uint8Array[] = []
    for await (const chunk of streamed.stream()) {
      chunks.push(chunk)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    expect(Buffer.concat(chunks).equals(bodies.get(size)!)).toBe(true)
  })
})
