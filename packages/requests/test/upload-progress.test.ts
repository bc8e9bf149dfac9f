// onUploadProgress reports the body as it is handed to the connection, and stops once the response has arrived: a
// server may answer before it has read the whole body, and a callback firing after `await s.post()` returned would
// reach code that has moved on (a progress bar already closed).
import { setImmediate as tick } from 'node:timers/promises'
import { startSocketServer } from '@x/testserver'
import { expect } from 'vitest'
import type { Progress } from '../src/index.js'
import { it } from './fixtures.js'

it('no upload progress is reported after the response has arrived', async ({ s }) => {
  const CHUNK = 16 * 1024
  const CHUNKS = 64
  let received = 0
  let resolveAll: () => void = () => {}
  const allReceived = new Promise<void>((r) => {
    resolveAll = r
  })
  await using server = await startSocketServer((socket) => {
    let answered = false
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length
      // Answers on the request head, before reading the body (as a server refusing an upload does).
      if (!answered) {
        answered = true
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      }
      if (received >= CHUNKS * CHUNK) resolveAll()
    })
  })
  let bodyEnded: () => void = () => {}
  const bodyEnd = new Promise<void>((r) => {
    bodyEnded = r
  })
  async function* body(): AsyncGenerator<Uint8Array> {
    try {
      for (let i = 0; i < CHUNKS; i++) {
        yield Buffer.alloc(CHUNK, i)
        await tick()
      }
    } finally {
      bodyEnded()
    }
  }
  const events: Progress[] = []
  const r = await s.post(`${server.url}/upload`, { data: body(), onUploadProgress: (p) => events.push(p) })
  const atResponse = events.length
  // Whether the connection sends the rest or drops it, the body ends: then every event there will be has fired.
  await Promise.race([allReceived, bodyEnd])
  expect(r.text).toBe('ok')
  expect(atResponse).toBeGreaterThan(0)
  expect(atResponse).toBeLessThan(CHUNKS)
  expect(events.length).toBe(atResponse)
})
