// Regression: interim 1xx responses (103 Early Hints, 102 Processing) were taken as the final response when
// streaming, so the caller got a 103 whose body never ended, not even on abort. An endless 1xx flood must end
// in a typed error (read timeout, or a cap on the number of 1xx heads), and a 101 nobody asked for is refused.
import type { Socket } from 'node:net'
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { MAX_INFORMATIONAL } from '../src/response-handler.js'
import { PoolManager, ProtocolError, ReadTimeoutError } from '../src/index.js'

type Raw = Awaited<ReturnType<typeof startRawServer>>

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
const EARLY_HINTS = 'HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n'

/** The first request gets `bad`, later ones (on new connections) a plain 200 "ok". */
async function serve(bad: (socket: Socket) => void): Promise<Raw> {
  let first = true
  return startRawServer((socket) => {
    if (!first) return void socket.write(OK)
    first = false
    bad(socket)
  })
}

/** Writes `text` every 10 ms until the socket closes. */
function flood(socket: Socket, text: string): void {
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer)
    socket.write(text)
  }, 10)
  socket.on('close', () => clearInterval(timer))
}

describe('informational (1xx) responses', () => {
  for (const preloadContent of [true, false]) {
    test(`103 Early Hints and 102 Processing are skipped (preloadContent: ${preloadContent})`, async () => {
      await using server = await serve((s) => {
        s.write(EARLY_HINTS)
        s.write('HTTP/1.1 102 Processing\r\n\r\n')
        setTimeout(() => s.write('HTTP/1.1 200 OK\r\nX-Final: 1\r\nContent-Length: 5\r\n\r\nfinal'), 20)
      })
      await using pm = new PoolManager({ retries: false })
      const resp = await pm.request('GET', `${server.url}/`, { preloadContent })
      expect(resp.status).toBe(200)
      expect(resp.headers.get('x-final')).toBe('1')
      expect(resp.headers.has('link')).toBe(false)
      expect(Buffer.from(await resp.read()).toString()).toBe('final')
      // The exchange completed normally: the socket is kept for the next request.
      expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
      expect(server.connections).toBe(1)
    })
  }

  test('a streamed request aborted after a 103 rejects with the abort reason', async () => {
    await using server = await serve((s) => s.write(EARLY_HINTS))
    await using pm = new PoolManager({ retries: false })
    const controller = new AbortController()
    const pending = pm.request('GET', `${server.url}/`, { preloadContent: false, signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const reason = new Error('stop')
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
  })

  for (const preloadContent of [true, false]) {
    test(`an endless 102 flood ends in ReadTimeoutError: 1xx heads do not restart the read timeout (preloadContent: ${preloadContent})`, async () => {
      await using server = await serve((s) => flood(s, 'HTTP/1.1 102 Processing\r\n\r\n'))
      await using pm = new PoolManager({ retries: false, timeout: { read: 150 } })
      const error = await pm.request('GET', `${server.url}/`, { preloadContent }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ReadTimeoutError)
      expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
      expect(server.connections).toBe(2)
    })
  }

  test(`more than ${MAX_INFORMATIONAL} 1xx heads at once are a ProtocolError`, async () => {
    await using server = await serve((s) =>
      s.write('HTTP/1.1 102 Processing\r\n\r\n'.repeat(MAX_INFORMATIONAL + 1)),
    )
    await using pm = new PoolManager({ retries: false })
    const error = await pm
      .request('GET', `${server.url}/`, { preloadContent: false })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
    expect(server.connections).toBe(2)
  })

  test('exactly the allowed number of 1xx heads, then the response, succeeds', async () => {
    await using server = await serve((s) =>
      s.write(`${'HTTP/1.1 102 Processing\r\n\r\n'.repeat(MAX_INFORMATIONAL)}${OK}`),
    )
    await using pm = new PoolManager({ retries: false })
    const resp = await pm.request('GET', `${server.url}/`, { preloadContent: false })
    expect(resp.status).toBe(200)
    expect(Buffer.from(await resp.read()).toString()).toBe('ok')
  })

  for (const head of [
    'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
    'HTTP/1.1 101 Switching Protocols\r\n\r\n',
  ]) {
    test(`an unrequested 101 is a ProtocolError, also when streaming (${JSON.stringify(head.slice(0, 40))}...)`, async () => {
      await using server = await serve((s) => s.write(head))
      await using pm = new PoolManager({ retries: false, timeout: { read: 2_000 } })
      const error = await pm
        .request('GET', `${server.url}/`, { preloadContent: false })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ProtocolError)
      expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
      expect(server.connections).toBe(2)
    })
  }
})
