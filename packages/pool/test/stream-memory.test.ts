import { startHttpServer } from '@x/testserver'
import { setTimeout as sleep } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { gzipSync } from 'node:zlib'
import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { type HTTPResponse, PoolManager } from '../src/index.js'

// Regression: stream() without a chunk size gathered the whole body before yielding (a 1 GiB download grew
// RSS by 2 GiB in tooling/bench). Each way of reading a streamed body must keep memory bounded by the queue's
// high-water mark, whatever the body size, with decoding on and off.

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const MiB = 1024 * 1024
const TOTAL = 256 * MiB
const LIMIT = 64 * MiB
const block = Buffer.alloc(64 * 1024, 'x')
// One gzip member per MiB: concatenated members are one valid gzip body (RFC 1952 section 2.2).
const member = gzipSync(Buffer.alloc(MiB, 'y'))

const test = serverTest(() =>
  startHttpServer((req, res) => {
    const gzip = req.url === '/gzip'
    const piece = gzip ? member : block
    const count = gzip ? TOTAL / MiB : TOTAL / block.length
    res.writeHead(200, gzip ? { 'content-encoding': 'gzip' } : { 'content-length': String(TOTAL) })
    let sent = 0
    const write = (): void => {
      while (sent < count) {
        sent++
        if (!res.write(piece)) {
          res.once('drain', write)
          return
        }
      }
      res.end()
    }
    write()
  }),
)

type Reader = (resp: HTTPResponse) => AsyncIterable<Uint8Array>
const readers: Record<string, Reader> = {
  'stream()': (resp) => resp.stream(),
  'stream(64 KiB)': (resp) => resp.stream(64 * 1024),
  'read(64 KiB)': async function* (resp) {
    for (;;) {
      const chunk = await resp.read(64 * 1024)
      if (chunk.length === 0) return
      yield chunk
    }
  },
}

const cases = Object.keys(readers).flatMap((reader) => [
  { reader, path: '/plain', decodeContent: true },
  { reader, path: '/plain', decodeContent: false },
  { reader, path: '/gzip', decodeContent: true },
])

describe('streamed bodies keep memory bounded (256 MiB, slow reader)', () => {
  test.for(cases)(
    '$reader $path decodeContent: $decodeContent',
    async ({ reader, path, decodeContent }, { server: http }) => {
      await using pm = new PoolManager()
      gc()
      const baseline = process.memoryUsage().arrayBuffers
      const resp = await pm.request('GET', `${http.url}${path}`, { preloadContent: false, decodeContent })
      let received = 0
      let peak = 0
      let nextPause = 0
      for await (const chunk of readers[reader]!(resp)) {
        received += chunk.length
        if (received >= nextPause) {
          // A slow reader, with two long stalls: the server and the decoder run ahead while it sleeps.
          await sleep(nextPause === 32 * MiB || nextPause === 128 * MiB ? 300 : 1)
          if (nextPause % (16 * MiB) === 0) {
            gc()
            peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline)
          }
          nextPause += MiB
        }
      }
      expect(received).toBe(TOTAL)
      expect(peak).toBeLessThan(LIMIT)
      expect(resp.complete).toBe(true)
    },
  )
})
