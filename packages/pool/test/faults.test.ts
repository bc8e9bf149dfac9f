import { until } from '@x/testserver/vitest'
import type { Socket } from 'node:net'
import { type RawRequest, startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import {
  HeaderParsingError,
  HTTPHeaderDict,
  IncompleteRead,
  LocationParseError,
  MaxRetryError,
  PoolManager,
  ProtocolError,
} from '../src/index.js'

type Raw = Awaited<ReturnType<typeof startRawServer>>

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

/** A raw server: the first request on each connection gets `bad`, later ones a valid 200 ("ok"). */
async function serve(bad: string | ((socket: Socket, request: RawRequest) => void)): Promise<Raw> {
  let first = true
  return startRawServer((socket, request) => {
    if (first) {
      first = false
      if (typeof bad === 'string') {
        socket.write(bad)
        socket.end()
      } else bad(socket, request)
      return
    }
    socket.write(OK)
  })
}

async function expectRecovery(pm: PoolManager, server: Raw): Promise<void> {
  const resp = await pm.request('GET', `${server.url}/again`)
  expect(resp.text()).toBe('ok')
  expect(server.connections).toBe(2) // the broken socket was discarded, not reused
  await until(() => pm.stats()[server.url]?.running === 0)
  expect(pm.stats()[server.url]).toMatchObject({ running: 0, pending: 0, queued: 0 })
}

describe('malformed responses', () => {
  test('truncated body (Content-Length) is IncompleteRead, never a success', async () => {
    await using server = await serve('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-part')
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(IncompleteRead)
    expect(error).toBeInstanceOf(ProtocolError)
    await expectRecovery(pm, server)
  })

  test('truncated body is retried for GET and MaxRetryError carries the IncompleteRead', async () => {
    await using server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart')
      socket.end()
    })
    await using pm = new PoolManager({ retries: 2 })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect((error as MaxRetryError).reason).toBeInstanceOf(IncompleteRead)
    expect(server.requests).toBe(3)
    const post = await pm.request('POST', `${server.url}/`, { body: 'x' }).catch((e) => e)
    expect(post).toBeInstanceOf(IncompleteRead)
    expect(server.requests).toBe(4)
  })

  test('truncated chunked body is IncompleteRead', async () => {
    await using server = await serve(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nshort',
    )
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    await expectRecovery(pm, server)
  })

  test('bad chunked framing is ProtocolError', async () => {
    await using server = await serve(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
    )
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error.cause).toBeInstanceOf(Error)
    await expectRecovery(pm, server)
  })

  test('conflicting Content-Length headers are ProtocolError', async () => {
    await using server = await serve('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok')
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    await expectRecovery(pm, server)
  })

  test('oversized headers are HeaderParsingError', async () => {
    await using server = await serve(
      `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nContent-Length: 2\r\n\r\nok`,
    )
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(HeaderParsingError)
    await expectRecovery(pm, server)
  })

  test('garbage instead of a status line is ProtocolError', async () => {
    await using server = await serve('SMTP ready\r\n\r\n')
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    await expectRecovery(pm, server)
  })

  test('connection closed before any response byte is ProtocolError', async () => {
    await using server = await serve((socket) => socket.destroy())
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    await expectRecovery(pm, server)
  })
})

describe('bad input is rejected before any byte is sent', () => {
  const cases: Array<[string, (pm: PoolManager, url: string) => Promise<unknown>]> = [
    [
      'CR/LF in a header value',
      (pm, url) => pm.request('GET', url, { headers: { 'X-A': 'a\r\nX-Injected: 1' } }),
    ],
    ['LF in a header value', (pm, url) => pm.request('GET', url, { headers: [['X-A', 'a\nb']] })],
    ['NUL in a header value', (pm, url) => pm.request('GET', url, { headers: { 'X-A': 'a\0' } })],
    ['CR/LF in a header name', (pm, url) => pm.request('GET', url, { headers: { 'X-A\r\nX-B': '1' } })],
    ['space in a header name', (pm, url) => pm.request('GET', url, { headers: { 'X A': '1' } })],
    ['CR/LF in the method', (pm, url) => pm.request('GET\r\nX: y', url)],
    ['space in the method', (pm, url) => pm.request('GET /x HTTP/1.1\r\n', url)],
    ['CR/LF in the path', (pm, url) => pm.request('GET', `${url}/a\r\nX-Injected: 1`)],
    ['tab in the path', (pm, url) => pm.request('GET', `${url}/a\tb`)],
    ['control char in the host', (pm, url) => pm.request('GET', url.replace('127.0.0.1', '127.0.0.1\x01'))],
    [
      'CR/LF in a field name (multipart)',
      (pm, url) => pm.request('POST', url, { fields: [['a', ['f\r\n.txt', 'x', 'text/plain\r\nX: y']]] }),
    ],
  ]

  test.each(cases)('%s', async (_name, send) => {
    await using server = await startRawServer((socket) => socket.write(OK))
    await using pm = new PoolManager()
    const error = await send(pm, server.url).catch((e) => e)
    expect(error instanceof TypeError || error instanceof LocationParseError).toBe(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(server.connections).toBe(0)
  })

  test('HTTPHeaderDict input is validated on the way in', () => {
    expect(() => new HTTPHeaderDict([['X', 'a\r\nb']])).toThrow(TypeError)
  })
})
