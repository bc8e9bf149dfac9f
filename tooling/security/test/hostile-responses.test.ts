// Hostile servers on raw sockets: every malformed, endless or oversized response ends in a typed error of the
// layer within the configured time and size limits, and the broken socket is never reused (the server sees a
// new connection for the next request).
import type { Socket } from 'node:net'
import zlib from 'node:zlib'
import {
  DecodeError,
  HeaderParsingError,
  IncompleteRead,
  MaxRetryError,
  PoolError,
  PoolManager,
  ProtocolError,
  ReadTimeoutError,
  ResponseTooLargeError,
  Retry,
  TimeoutError,
} from '@x/pool'
import {
  ChunkedEncodingError,
  ContentDecodingError,
  RequestException,
  Session,
  TooManyRedirects,
} from '@x/requests'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { closeAll, describeError, isTyped, type RawServer, raw } from './helpers.ts'

afterEach(closeAll)
// Every case is bounded by a 1.5 s total timeout: 10 s means the library hung.
vi.setConfig({ testTimeout: 10_000 })

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
const MiB = 1024 * 1024
const zeros = Buffer.alloc(64 * MiB)
const BOMBS = {
  gzip: zlib.gzipSync(zeros, { level: 9 }),
  br: zlib.brotliCompressSync(zeros),
  zstd: zlib.zstdCompressSync(zeros),
  deflate: zlib.deflateSync(zeros, { level: 9 }),
}

type Respond = (socket: Socket) => void

const EARLY_HINTS = (s: Socket) => {
  s.write('HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n')
  setTimeout(() => s.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal'), 50)
}

/** Writes `head` and `body` on the socket. */
function send(socket: Socket, head: string, body: Buffer | string = ''): void {
  socket.write(head)
  if (body.length > 0) socket.write(body)
}

/** Writes `text` one byte at a time, every `ms`, forever (until the socket closes). */
function trickle(socket: Socket, text: string, ms = 20): void {
  let i = 0
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer)
    socket.write(text[i++ % text.length]!)
  }, ms)
  socket.on('close', () => clearInterval(timer))
}

interface Case {
  name: string
  /** What the case guards (advisory or behaviour). */
  guard: string
  respond: Respond
  /** Expected @x/pool error class. */
  pool: abstract new (
    ...args: never[]
  ) => Error
}

const CASES: Case[] = [
  {
    name: 'truncated body (Content-Length larger than the body, then close)',
    guard: 'urllib3 IncompleteRead; never a short success',
    respond: (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-part'),
    pool: IncompleteRead,
  },
  {
    name: 'truncated chunked body (no last chunk)',
    guard: 'urllib3 IncompleteRead on chunked',
    respond: (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n'),
    pool: ProtocolError,
  },
  {
    name: 'conflicting Content-Length headers',
    guard: 'RFC 9112 6.3 response smuggling',
    respond: (s) => send(s, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nokabc'),
    pool: ProtocolError,
  },
  {
    name: 'Content-Length with a comma list of different values',
    guard: 'RFC 9110 8.6 invalid Content-Length',
    respond: (s) => send(s, 'HTTP/1.1 200 OK\r\nContent-Length: 2, 5\r\n\r\nokabc'),
    pool: ProtocolError,
  },
  {
    name: 'non-numeric chunk size',
    guard: 'undici chunked parser (llhttp HPE_INVALID_CHUNK_SIZE)',
    respond: (s) => send(s, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n'),
    pool: ProtocolError,
  },
  {
    name: 'negative chunk size',
    guard: 'undici chunked parser',
    respond: (s) => send(s, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n'),
    pool: ProtocolError,
  },
  {
    name: 'chunk size overflowing 64 bits',
    guard: 'undici chunked parser integer overflow',
    respond: (s) =>
      send(
        s,
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffff\r\nhello\r\n0\r\n\r\n',
      ),
    pool: ProtocolError,
  },
  {
    name: 'garbage status line',
    guard: 'urllib3 BadStatusLine -> ProtocolError',
    respond: (s) => send(s, 'HTTP/1.1 abc Nope\r\nContent-Length: 2\r\n\r\nok'),
    pool: ProtocolError,
  },
  {
    name: 'NUL in a response header value',
    guard: 'llhttp strict header value',
    respond: (s) => send(s, 'HTTP/1.1 200 OK\r\nX-A: a\0b\r\nContent-Length: 2\r\n\r\nok'),
    pool: ProtocolError,
  },
  {
    name: 'endless 1xx informational responses',
    guard: 'read timeout covers 1xx floods (urllib3 #3114-like hang)',
    respond: (s) => {
      const timer = setInterval(() => {
        if (s.destroyed) return clearInterval(timer)
        s.write('HTTP/1.1 102 Processing\r\n\r\n')
      }, 10)
      s.on('close', () => clearInterval(timer))
    },
    pool: TimeoutError,
  },
  {
    name: '64 KiB response header',
    guard: 'max header size (undici maxHeaderSize 16 KiB)',
    respond: (s) =>
      send(s, `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nContent-Length: 2\r\n\r\nok`),
    pool: HeaderParsingError,
  },
  {
    name: '10 000 response headers',
    guard: 'header count / size limit (urllib3 CVE-2021-33503-like resource use)',
    respond: (s) => {
      let head = 'HTTP/1.1 200 OK\r\n'
      for (let i = 0; i < 10_000; i++) head += `X-H${i}: v\r\n`
      send(s, `${head}Content-Length: 2\r\n\r\n`, 'ok')
    },
    pool: HeaderParsingError,
  },
  {
    name: 'trickled headers (one byte every 20 ms, never finished)',
    guard: 'slowloris-style head: headers timeout / total timeout',
    respond: (s) => {
      s.write('HTTP/1.1 200 OK\r\n')
      trickle(s, 'X-Slow: aaaaaaaa\r\n')
    },
    pool: TimeoutError,
  },
  {
    name: 'trickled body (one byte every 20 ms of a 1 MB body)',
    guard: 'total timeout bounds a body that never goes silent long enough for the read timeout',
    respond: (s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n')
      trickle(s, 'x')
    },
    pool: TimeoutError,
  },
  {
    name: 'connection reset after the request was sent',
    guard: 'ECONNRESET -> ProtocolError, never a hang',
    respond: (s) => s.resetAndDestroy(),
    pool: ProtocolError,
  },
  {
    name: 'connection closed without a response',
    guard: 'RemoteDisconnected -> ProtocolError',
    respond: (s) => s.end(),
    pool: ProtocolError,
  },
  {
    name: 'reset in the middle of the body',
    guard: 'IncompleteRead on reset',
    respond: (s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial')
      setTimeout(() => s.resetAndDestroy(), 20)
    },
    pool: IncompleteRead,
  },
]

/**
 * The first request gets `bad`; every later one a plain 200 "ok". A client that reused the broken socket would
 * show as `connections === 1` (or read leftovers of the bad response).
 */
async function hostile(bad: Respond): Promise<RawServer> {
  let first = true
  return raw((socket) => {
    if (!first) return void socket.write(OK)
    first = false
    bad(socket)
  })
}

const poolManager = () =>
  new PoolManager({
    retries: false,
    timeout: { connect: 1_000, read: 300, total: 1_500 },
    maxResponseSize: MiB,
  })
const session = () => new Session({ trustEnv: false, timeout: { connect: 1_000, read: 300, total: 1_500 } })

describe('@x/pool against hostile servers', () => {
  for (const c of CASES) {
    test(`${c.name}: ${c.pool.name} (${c.guard}); the socket is not reused`, async () => {
      const server = await hostile(c.respond)
      await using pm = poolManager()
      const error = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
      expect(error, describeError(error)).toBeInstanceOf(c.pool)
      const again = await pm.request('GET', `${server.url}/again`)
      expect(again.text()).toBe('ok')
      expect(server.connections).toBe(2)
    })
  }

  test('extra bytes after Content-Length never become the next response (response smuggling)', async () => {
    const smuggled = 'HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled'
    const server = await hostile((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok${smuggled}`))
    await using pm = poolManager()
    const first = await pm.request('GET', `${server.url}/`)
    expect(first.text()).toBe('ok')
    const second = await pm.request('GET', `${server.url}/again`)
    expect(second.text()).toBe('ok')
    expect(server.connections).toBe(2)
  })

  test('Content-Length together with Transfer-Encoding: chunked is refused or closes the connection', async () => {
    const server = await hostile((s) =>
      s.write(
        'HTTP/1.1 200 OK\r\nContent-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
      ),
    )
    await using pm = poolManager()
    const outcome = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    if (outcome instanceof Error) expect(isTyped(outcome), describeError(outcome)).toBe(true)
    else expect((outcome as { text(): string }).text()).toBe('ok')
    expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
    expect(server.connections).toBe(2)
  })

  for (const [coding, bomb] of Object.entries(BOMBS)) {
    test(`${coding} bomb (64 MiB from ${bomb.length} bytes) stops at maxResponseSize (urllib3 CVE-2025-66471)`, async () => {
      const server = await hostile((s) =>
        send(
          s,
          `HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${bomb.length}\r\n\r\n`,
          bomb,
        ),
      )
      await using pm = poolManager()
      const error = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
      expect(error, describeError(error)).toBeInstanceOf(ResponseTooLargeError)
      // The compressed body was read to its Content-Length, so the socket may be kept; it must not be confused.
      expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
    })

    test(`${coding} bomb streamed: the reader gets at most maxResponseSize before the error`, async () => {
      const server = await hostile((s) =>
        send(
          s,
          `HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${bomb.length}\r\n\r\n`,
          bomb,
        ),
      )
      await using pm = poolManager()
      const resp = await pm.request('GET', `${server.url}/`, { preloadContent: false })
      let total = 0
      const error = await (async () => {
        for await (const chunk of resp.stream()) total += chunk.length
      })().catch((e: unknown) => e)
      expect(error, describeError(error)).toBeInstanceOf(ResponseTooLargeError)
      expect(total).toBeLessThanOrEqual(MiB)
    })
  }

  test('five nested gzip layers of a bomb: every layer counts against the limit', async () => {
    let body: Buffer = zeros
    for (let i = 0; i < 5; i++) body = zlib.gzipSync(body, { level: 9 })
    const server = await hostile((s) =>
      send(
        s,
        `HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip, gzip, gzip, gzip\r\nContent-Length: ${body.length}\r\n\r\n`,
        body,
      ),
    )
    await using pm = poolManager()
    const error = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(ResponseTooLargeError)
  })

  test('six chained encodings are refused (urllib3 CVE-2025-66418 unbounded decompression chain)', async () => {
    let body = Buffer.from('ok')
    for (let i = 0; i < 6; i++) body = zlib.gzipSync(body)
    const server = await hostile((s) =>
      send(
        s,
        `HTTP/1.1 200 OK\r\nContent-Encoding: ${Array(6).fill('gzip').join(', ')}\r\nContent-Length: ${body.length}\r\n\r\n`,
        body,
      ),
    )
    await using pm = poolManager()
    const error = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(DecodeError)
    expect((await pm.request('GET', `${server.url}/again`)).text()).toBe('ok')
    expect(server.connections).toBe(2)
  })

  test('2 000 chained encodings are refused without building 2 000 decoders', async () => {
    const server = await hostile((s) =>
      send(
        s,
        `HTTP/1.1 200 OK\r\nContent-Encoding: ${Array(2_000).fill('gzip').join(',')}\r\nContent-Length: 2\r\n\r\nok`,
      ),
    )
    await using pm = poolManager()
    const error = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(DecodeError)
  })

  test('a bomb inside a redirect body: the redirect is followed or fails typed, within maxResponseSize', async () => {
    const bomb = BOMBS.gzip
    const server = await raw((socket, request) => {
      if (request.path === '/final') return void socket.write(OK)
      send(
        socket,
        `HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`,
        bomb,
      )
    })
    await using pm = poolManager()
    const outcome = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    if (outcome instanceof Error) expect(outcome, describeError(outcome)).toBeInstanceOf(PoolError)
    else expect((outcome as { text(): string }).text()).toBe('ok')
  })

  for (const preloadContent of [true, false]) {
    test(`103 Early Hints before the final response is skipped (preloadContent: ${preloadContent}; RFC 9110 15.2)`, async () => {
      const server = await hostile(EARLY_HINTS)
      await using pm = poolManager()
      const resp = await pm.request('GET', `${server.url}/`, { preloadContent })
      expect(resp.status).toBe(200)
      expect(Buffer.from(await resp.read()).toString()).toBe('final')
    })
  }

  test('a redirect loop ends in MaxRetryError within the redirect budget', async () => {
    const server = await raw((socket) =>
      socket.write('HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n'),
    )
    await using pm = poolManager()
    const error = await pm
      .request('GET', `${server.url}/loop`, { retries: new Retry({ total: 10, redirect: 5 }) })
      .catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(MaxRetryError)
    expect(server.requests).toBe(6)
  })

  for (const location of [
    'file:///etc/passwd',
    'data:text/plain,x',
    'javascript:alert(1)',
    'ftp://127.0.0.1/x',
  ]) {
    test(`a redirect to ${location} is not followed`, async () => {
      const server = await raw((socket) =>
        socket.write(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`),
      )
      await using pm = poolManager()
      const outcome = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
      if (outcome instanceof Error) expect(outcome, describeError(outcome)).toBeInstanceOf(PoolError)
      else expect((outcome as { status: number }).status).toBe(302)
      expect(server.requests).toBe(1)
    })
  }

  test('an obs-fold (line folding) response header is refused or unfolded, never a second header', async () => {
    const server = await hostile((s) =>
      s.write('HTTP/1.1 200 OK\r\nX-A: a\r\n X-Injected: 1\r\nContent-Length: 2\r\n\r\nok'),
    )
    await using pm = poolManager()
    const outcome = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    if (outcome instanceof Error) expect(isTyped(outcome), describeError(outcome)).toBe(true)
    else expect((outcome as { headers: { has(n: string): boolean } }).headers.has('x-injected')).toBe(false)
  })

  test('read timeout fires on a server that sends nothing', async () => {
    const server = await hostile(() => {})
    await using pm = poolManager()
    const error = await pm.request('GET', `${server.url}/`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(ReadTimeoutError)
  })
})

describe('@x/requests against hostile servers', () => {
  for (const c of CASES) {
    test(`${c.name}: a RequestException (${c.guard}); the socket is not reused`, async () => {
      const server = await hostile(c.respond)
      await using s = session()
      const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
      expect(error, describeError(error)).toBeInstanceOf(RequestException)
      const again = await s.get(`${server.url}/again`)
      expect(again.text).toBe('ok')
      expect(server.connections).toBe(2)
    })
  }

  test('103 Early Hints before the final response is skipped (RFC 9110 15.2)', async () => {
    const server = await hostile(EARLY_HINTS)
    await using s = session()
    const r = await s.get(`${server.url}/`)
    expect(r.statusCode).toBe(200)
    expect(r.text).toBe('final')
  })

  test('a redirect loop ends in TooManyRedirects after maxRedirects', async () => {
    const server = await raw((socket) =>
      socket.write('HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n'),
    )
    await using s = new Session({ trustEnv: false, maxRedirects: 5 })
    const error = await s.get(`${server.url}/loop`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(TooManyRedirects)
    expect(server.requests).toBe(6)
  })

  for (const location of [
    'file:///etc/passwd',
    'data:text/plain,x',
    'javascript:alert(1)',
    'ftp://127.0.0.1/x',
  ]) {
    test(`a redirect to ${location} is refused with InvalidSchema (SSRF to local files)`, async () => {
      const server = await raw((socket) =>
        socket.write(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`),
      )
      await using s = session()
      const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
      expect(error, describeError(error)).toBeInstanceOf(RequestException)
      expect(server.requests).toBe(1)
    })
  }

  test('a truncated body is a ChunkedEncodingError, not a ConnectionError (requests behaviour)', async () => {
    const server = await hostile((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-part'))
    await using s = session()
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(ChunkedEncodingError)
  })

  test('six chained encodings: ContentDecodingError (urllib3 CVE-2025-66418)', async () => {
    let body = Buffer.from('ok')
    for (let i = 0; i < 6; i++) body = zlib.gzipSync(body)
    const server = await hostile((s) =>
      send(
        s,
        `HTTP/1.1 200 OK\r\nContent-Encoding: ${Array(6).fill('gzip').join(', ')}\r\nContent-Length: ${body.length}\r\n\r\n`,
        body,
      ),
    )
    await using s = session()
    const error = await s.get(`${server.url}/`).catch((e: unknown) => e)
    expect(error, describeError(error)).toBeInstanceOf(ContentDecodingError)
  })

  for (const [coding, bomb] of Object.entries(BOMBS)) {
    test(`${coding} bomb with stream: true: memory stays bounded while reading the first chunks`, async () => {
      const server = await hostile((s) =>
        send(
          s,
          `HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${bomb.length}\r\n\r\n`,
          bomb,
        ),
      )
      await using s = session()
      const r = await s.get(`${server.url}/`, { stream: true })
      let total = 0
      for await (const chunk of r.iterContent({ chunkSize: 64 * 1024 })) {
        total += chunk.length
        if (total >= 4 * MiB) break
      }
      r.close()
      expect(total).toBeGreaterThanOrEqual(4 * MiB)
      expect((await s.get(`${server.url}/again`)).text).toBe('ok')
    })
  }

  test('a bomb inside a redirect body is drained, not decoded (urllib3 CVE-2026-21441)', async () => {
    const bomb = BOMBS.gzip
    const server = await raw((socket, request) => {
      if (request.path === '/final') return void socket.write(OK)
      send(
        socket,
        `HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`,
        bomb,
      )
    })
    await using s = session()
    const r = await s.get(`${server.url}/`)
    expect(r.text).toBe('ok')
    expect(r.history).toHaveLength(1)
  })

  test('redirect bodies are drained without decoding: a corrupt gzip redirect body keeps its socket', async () => {
    const server = await raw((socket, request) => {
      if (request.path === '/final') return void socket.write(OK)
      send(
        socket,
        'HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnot-gzip!!',
      )
    })
    await using s = session()
    const r = await s.get(`${server.url}/`)
    expect(r.text).toBe('ok')
    // Decoding would fail and destroy the socket; drained raw, the kept-alive socket serves /final.
    expect(server.connections).toBe(1)
  })
})
