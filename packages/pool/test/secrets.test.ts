// Regression: error messages showed the query string (`Connection aborted (ECONNRESET)
// (http://h/resource?access_token=...)`) and diagnostics_channel events carried it verbatim. Messages now show
// scheme://host:port/path only, events redact credentials and query values, and util.inspect of pools,
// responses and errors never shows Authorization / Proxy-Authorization / Cookie values.
import diagnostics from 'node:diagnostics_channel'
import { inspect } from 'node:util'
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import {
  LocationParseError,
  MaxRetryError,
  PoolManager,
  ProtocolError,
  ProxyManager,
  ReadTimeoutError,
  Retry,
  TimeoutError,
} from '../src/index.js'
import { redactUrl } from '../src/index.js'

type Raw = Awaited<ReturnType<typeof startRawServer>>

const SECRET = 'tok-3f9a'
const CODE = 'code-77c1'
const PASSWORD = 'pw-91d2'

function assertClean(label: string, value: unknown): void {
  const text = typeof value === 'string' ? value : inspect(value, { depth: 8 })
  for (const secret of [SECRET, CODE, PASSWORD]) {
    expect(text.includes(secret), `${label} shows ${secret}:\n${text}`).toBe(false)
  }
}

function assertCleanError(error: unknown): void {
  expect(error).toBeInstanceOf(Error)
  const e = error as Error
  assertClean('message', e.message)
  assertClean('stack', e.stack ?? '')
  assertClean('inspect', e)
  for (let c: unknown = e.cause; c instanceof Error; c = c.cause) assertClean('cause', c.message)
}

const target = (server: Raw, path = '/resource') =>
  `http://user:${PASSWORD}@127.0.0.1:${server.port}${path}?access_token=${SECRET}&x=1#frag=${CODE}`

describe('error messages carry no query string and no credentials', () => {
  test('ProtocolError (reset) names the redacted URL (no credentials, query values redacted, no fragment)', async () => {
    await using server = await startRawServer((socket) => socket.resetAndDestroy())
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', target(server)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect((error as Error).message).toContain(
      `http://127.0.0.1:${server.port}/resource?access_token=[REDACTED]&x=[REDACTED])`,
    )
    assertCleanError(error)
  })

  test('MaxRetryError: message, url and inspect', async () => {
    await using server = await startRawServer((socket) => socket.resetAndDestroy())
    await using pm = new PoolManager({ retries: 1 })
    const error = await pm.request('GET', target(server)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect((error as MaxRetryError).url).toBe(
      `http://127.0.0.1:${server.port}/resource?access_token=[REDACTED]&x=[REDACTED]`,
    )
    assertCleanError(error)
  })

  test('ReadTimeoutError and total TimeoutError', async () => {
    await using server = await startRawServer(() => {})
    await using pm = new PoolManager({ retries: false })
    const read = await pm.request('GET', target(server), { timeout: { read: 50 } }).catch((e: unknown) => e)
    expect(read).toBeInstanceOf(ReadTimeoutError)
    assertCleanError(read)
    const total = await pm.request('GET', target(server), { timeout: { total: 50 } }).catch((e: unknown) => e)
    expect(total).toBeInstanceOf(TimeoutError)
    assertCleanError(total)
  })

  test('LocationParseError for an unsupported scheme', async () => {
    await using pm = new PoolManager()
    const error = await pm.request('GET', `ftp://u:${PASSWORD}@h/p?access_token=${SECRET}`).catch((e) => e)
    expect(error).toBeInstanceOf(LocationParseError)
    assertCleanError(error)
  })
})

describe('diagnostics_channel events redact credentials and query values', () => {
  const names = ['start', 'headers', 'end', 'retry', 'redirect', 'error'].map((n) => `x:pool:request:${n}`)
  /** The x:pool:request:* events published during the test, in order. */
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
  const eventsTest = test.extend('events', async ({}, { onCleanup }) => {
    const events: Array<{ channel: string; message: Record<string, unknown> }> = []
    const listeners = names.map((channel) => ({
      channel,
      fn: (message: unknown) => events.push({ channel, message: message as Record<string, unknown> }),
    }))
    for (const l of listeners) diagnostics.subscribe(l.channel, l.fn)
    onCleanup(() => {
      for (const l of listeners) diagnostics.unsubscribe(l.channel, l.fn)
    })
    return events
  })

  eventsTest('retries, redirects, success and failure', async ({ events }) => {
    let n = 0
    await using server = await startRawServer((socket, request) => {
      n++
      if (n === 1) return void socket.resetAndDestroy()
      if (request.path.startsWith('/resource'))
        return void socket.write(
          `HTTP/1.1 302 Found\r\nLocation: /cb?code=${CODE}&state=s\r\nContent-Length: 0\r\n\r\n`,
        )
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    })
    await using pm = new PoolManager({ retries: new Retry({ total: 3 }) })
    const resp = await pm.request('GET', target(server))
    expect(resp.status).toBe(200)
    // The caller's own data keeps the full URL (without credentials).
    expect(resp.url).toBe(`http://127.0.0.1:${server.port}/cb?code=${CODE}&state=s`)
    await using dead = await startRawServer((socket) => socket.resetAndDestroy())
    await pm.request('GET', target(dead), { retries: false }).catch(() => {})
    const channels = new Set(events.map((e) => e.channel))
    for (const name of ['start', 'headers', 'end', 'retry', 'redirect', 'error'])
      expect(channels.has(`x:pool:request:${name}`), name).toBe(true)
    for (const { channel, message } of events) {
      assertClean(channel, message)
      assertClean(
        channel,
        JSON.stringify(message, (_k, v) => (v instanceof Set ? [...v] : v)),
      )
    }
    const start = events.find((e) => e.channel === 'x:pool:request:start')!.message
    expect(start.url).toBe(`http://127.0.0.1:${server.port}/resource?access_token=[REDACTED]&x=[REDACTED]`)
    const redirect = events.find((e) => e.channel === 'x:pool:request:redirect')!.message
    expect(redirect.location).toBe(`http://127.0.0.1:${server.port}/cb?code=[REDACTED]&state=[REDACTED]`)
  })
})

describe('util.inspect hides credential headers', () => {
  test('pools, managers, responses', async () => {
    await using server = await startRawServer((socket) =>
      socket.write(`HTTP/1.1 200 OK\r\nSet-Cookie: sid=${CODE}\r\nContent-Length: 2\r\n\r\nok`),
    )
    await using pm = new PoolManager({
      headers: { Authorization: `Bearer ${SECRET}`, Cookie: `c=${CODE}`, 'X-Other': 'shown' },
    })
    const resp = await pm.request('GET', `${server.url}/`, {
      headers: { Authorization: `Bearer ${SECRET}`, 'Proxy-Authorization': `Basic ${CODE}` },
    })
    assertClean('response', resp)
    assertClean('response headers', resp.headers)
    assertClean('manager', pm)
    const pool = pm.connectionFromUrl(server.url)
    assertClean('pool', pool)
    expect(inspect(pool)).toContain('shown')
    await using proxied = new ProxyManager(`http://u:${PASSWORD}@127.0.0.1:9`, {
      proxyHeaders: { 'Proxy-Authorization': `Basic ${SECRET}` },
      headers: { Authorization: `Bearer ${SECRET}` },
    })
    assertClean('proxy manager', proxied)
    assertClean('proxy pool', proxied.connectionFromUrl('http://example.test'))
  })
})

// One policy for the stack (issue 15): credentials removed, every query value redacted, fragment dropped.
describe('URL redaction policy', () => {
  test.each([
    [
      'https://user:p%40ss@idp/cb?code=abc&state=xyz#frag=1',
      'https://idp/cb?code=[REDACTED]&state=[REDACTED]',
    ],
    ['http://u:p@h:81/a/b?t=1#f', 'http://h:81/a/b?t=[REDACTED]'],
    ['http://u:p@ss@h/a?x=1&y&z=', 'http://h/a?x=[REDACTED]&y&z=[REDACTED]'],
    ['/cb?code=abc&state=1', '/cb?code=[REDACTED]&state=[REDACTED]'],
    ['https://h/implicit#access_token=abc&x=1', 'https://h/implicit'],
    ['user:pass@host/x', '[REDACTED]@host/x'],
    ['https://h/plain', 'https://h/plain'],
  ])('%s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted)
    if (url.startsWith('http')) expect(redactUrl(new URL(url))).toBe(redacted)
  })
})
