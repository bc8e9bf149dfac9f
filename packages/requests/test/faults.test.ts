import { gzipSync } from 'node:zlib'
import { freePort, startRawServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import {
  ChunkedEncodingError,
  ConnectTimeout,
  ConnectionError,
  ContentDecodingError,
  InvalidURL,
  ProxyError,
  ReadTimeout,
  RetryError,
  Session,
  SSLError,
  Timeout,
  URLRequired,
} from '../src/index.js'
import { translatePoolError } from '../src/errors/translate-pool-error.js'
import * as pool from '@x/pool'

// Ported from requests' tests/test_lowlevel.py and the fault cases of issue #4, against raw local sockets.
describe('faults against raw servers', () => {
  it('connection refused is a ConnectionError with the pool error as cause', async () => {
    const port = await freePort() // nothing listens there: the connection is refused
    await using s = new Session()
    const err = await s.get(`http://user:secret@127.0.0.1:${port}/`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConnectionError)
    expect((err as Error).cause).toBeInstanceOf(pool.PoolError)
    expect((err as ConnectionError).request?.url).toBe(`http://127.0.0.1:${port}/`)
    expect(String((err as Error).message)).not.toContain('secret')
  })

  it('a server that never answers gives ReadTimeout, and the socket is not reused', async () => {
    await using raw = await startRawServer(() => {})
    await using s = new Session()
    const err = await s.get(raw.url, { timeout: [1000, 100] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ReadTimeout)
    expect(err).toBeInstanceOf(Timeout)
    expect(err).not.toBeInstanceOf(ConnectionError)
  })

  it('the total deadline raises Timeout even while data trickles in', async () => {
    await using raw = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n')
      const t = setInterval(() => socket.write('x'), 20)
      socket.on('close', () => clearInterval(t))
    })
    await using s = new Session()
    const err = await s.get(raw.url, { timeout: { read: 1000, total: 150 } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Timeout)
  })

  it('the total deadline also covers iterating a streamed body', async () => {
    await using raw = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n')
      const t = setInterval(() => socket.write('x'), 20)
      socket.on('close', () => clearInterval(t))
    })
    await using s = new Session()
    const r = await s.get(raw.url, { stream: true, timeout: { read: 1000, total: 150 } })
    const err = await (async () => {
      for await (const _ of r.iterContent());
    })().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Timeout)
  })

  it('broken chunked framing while reading the body is ChunkedEncodingError', async () => {
    await using raw = await startRawServer((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel')
    })
    await using s = new Session()
    await expect(s.get(raw.url)).rejects.toBeInstanceOf(ChunkedEncodingError)
    const r = await s.get(raw.url, { stream: true })
    await expect(
      (async () => {
        for await (const _ of r.iterContent());
      })(),
    ).rejects.toBeInstanceOf(ChunkedEncodingError)
  })

  it('a truncated Content-Length body is ChunkedEncodingError (IncompleteRead)', async () => {
    await using raw = await startRawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort'),
    )
    await using s = new Session()
    await expect(s.get(raw.url)).rejects.toBeInstanceOf(ChunkedEncodingError)
  })

  it('a corrupt gzip body is ContentDecodingError', async () => {
    const bad = Buffer.concat([gzipSync('hello world').subarray(0, 10), Buffer.from('garbage!!')])
    await using raw = await startRawServer((socket) => {
      socket.end(
        Buffer.concat([
          Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bad.length}\r\n\r\n`),
          bad,
        ]),
      )
    })
    await using s = new Session()
    const err = await s.get(raw.url).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ContentDecodingError)
  })

  it('a redirect with a wrong gzip header on the intermediate hop is still followed', async () => {
    await using raw = await startRawServer((socket, req) => {
      if (req.path === '/') {
        socket.write(
          'HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope',
        )
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    })
    await using s = new Session()
    const r = await s.get(raw.url)
    expect(r.statusCode).toBe(200)
    expect(r.text).toBe('ok')
    expect(r.history[0]?.statusCode).toBe(302)
  })

  it('chunked upload of a stream sends Transfer-Encoding chunked and the Host once', async () => {
    let seen: Record<string, string> = {}
    let body = ''
    await using raw = await startRawServer((socket, req) => {
      seen = req.headers
      body = req.body.toString()
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
    })
    await using s = new Session()
    async function* gen() {
      yield Buffer.from('a')
      yield Buffer.from('bc')
    }
    await s.post(raw.url, { data: gen(), headers: { Host: 'example.test' } })
    expect(seen['transfer-encoding']).toBe('chunked')
    expect(seen['content-length']).toBeUndefined()
    expect(seen.host).toBe('example.test')
    expect(body).toBe('abc')
  })

  it('the fragment is not sent', async () => {
    let path = ''
    await using raw = await startRawServer((socket, req) => {
      path = req.path
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
    })
    await using s = new Session()
    await s.get(`${raw.url}/path/to/thing/#view=edit&token=hunter2`)
    expect(path).toBe('/path/to/thing/')
  })
})

describe('bad input', () => {
  it('a malformed proxy URL is InvalidURL; a missing URL is URLRequired', async () => {
    await using s = new Session({ trustEnv: false })
    await expect(s.get('http://127.0.0.1:9/', { proxies: { http: 'http://[bad' } })).rejects.toBeInstanceOf(
      InvalidURL,
    )
    await expect(s.get(undefined as unknown as string)).rejects.toBeInstanceOf(URLRequired)
  })
})

describe('translatePoolError', () => {
  const req = undefined
  it.each([
    [new pool.ConnectTimeoutError('c'), ConnectTimeout],
    [new pool.ReadTimeoutError('r'), ReadTimeout],
    [new pool.SSLError('s'), SSLError],
    [new pool.ProxyError('p'), ProxyError],
    [new pool.DecodeError('d'), ContentDecodingError],
    [new pool.NewConnectionError('n'), ConnectionError],
    [new pool.NameResolutionError('n'), ConnectionError],
    [new pool.LocationParseError('l'), InvalidURL],
    [new pool.ClosedPoolError('c'), ConnectionError],
    [new pool.EmptyPoolError('e'), ConnectionError],
    [new pool.ProtocolError('p'), ConnectionError],
    [new pool.MaxRetryError('http://h/', new pool.ConnectTimeoutError('c')), ConnectTimeout],
    [new pool.MaxRetryError('http://h/', new pool.ResponseError('too many 500')), RetryError],
    [new pool.MaxRetryError('http://h/', new pool.SSLError('bad cert')), SSLError],
    [new pool.MaxRetryError('http://h/', new pool.NewConnectionError('refused')), ConnectionError],
  ])('%s', (error, Expected) => {
    const out = translatePoolError(error, 'send', req) as Error
    expect(out).toBeInstanceOf(Expected)
    expect(out.cause).toBe(error)
  })

  it('body-phase protocol errors are ChunkedEncodingError; abort errors pass through', () => {
    expect(translatePoolError(new pool.ProtocolError('p'), 'body')).toBeInstanceOf(ChunkedEncodingError)
    expect(translatePoolError(new pool.IncompleteRead('i'), 'body')).toBeInstanceOf(ChunkedEncodingError)
    const abort = new DOMException('aborted', 'AbortError')
    expect(translatePoolError(abort, 'send')).toBe(abort)
    const other = new Error('x')
    expect(translatePoolError(other, 'send')).toBe(other)
  })

  it('redacts credentials in messages', () => {
    const out = translatePoolError(new pool.NewConnectionError('failed http://u:pw@h/'), 'send') as Error
    expect(out.message).not.toContain('pw')
  })
})
