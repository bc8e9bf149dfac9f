import { describe, expect, test } from 'vitest'
import {
  ConnectTimeoutError,
  MaxRetryError,
  NewConnectionError,
  ProtocolError,
  ReadTimeoutError,
  ResponseError,
  Retry,
  type RetryResponse,
  SSLError,
} from '../src/index.js'
import { parseRetryAfter } from '../src/retry-after.js'

function resp(status: number, headers: Record<string, string> = {}): RetryResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return {
    status,
    headers: { get: (name: string) => lower[name.toLowerCase()] },
    getRedirectLocation: () =>
      [301, 302, 303, 307, 308].includes(status) ? (lower.location ?? false) : false,
  }
}

describe('Retry', () => {
  test('urllib3 defaults', () => {
    const r = new Retry()
    expect(r.total).toBe(10)
    expect(r.redirect).toBeNull()
    expect([...r.allowedMethods!]).toEqual(['HEAD', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'])
    expect(r.backoffMax).toBe(120_000)
    expect(r.respectRetryAfterHeader).toBe(true)
    expect(r.raiseOnRedirect).toBe(true)
    expect(r.raiseOnStatus).toBe(true)
    expect([...r.removeHeadersOnRedirect]).toEqual(['cookie', 'authorization', 'proxy-authorization'])
    expect(Retry.DEFAULT.total).toBe(3)
  })

  test('from(): numbers, false, instances, undefined', () => {
    expect(Retry.from(5).total).toBe(5)
    const r = new Retry({ total: 1 })
    expect(Retry.from(r)).toBe(r)
    expect(Retry.from(undefined)).toBe(Retry.DEFAULT)
    expect(Retry.from(undefined, r)).toBe(r)
    const off = Retry.from(false)
    expect(off.total).toBe(false)
    expect(off.redirect).toBe(0)
    expect(off.raiseOnRedirect).toBe(false)
  })

  test('increment is immutable and records history', () => {
    const r = new Retry({ total: 2 })
    const next = r.increment('GET', 'http://h/', { response: resp(503) })
    expect(r.total).toBe(2)
    expect(r.history).toEqual([])
    expect(next.total).toBe(1)
    expect(next.history).toEqual([
      { method: 'GET', url: 'http://h/', error: undefined, status: 503, redirectLocation: undefined },
    ])
  })

  test('exhaustion raises MaxRetryError with a ResponseError reason', () => {
    const r = new Retry({ total: 0 })
    try {
      r.increment('GET', 'http://h/', { response: resp(503) })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(MaxRetryError)
      expect((error as MaxRetryError).reason).toBeInstanceOf(ResponseError)
      expect((error as MaxRetryError).reason?.message).toBe('too many 503 error responses')
      expect((error as MaxRetryError).history).toHaveLength(1)
    }
  })

  test('connect errors count against connect; read errors against read and only for allowed methods', () => {
    const r = new Retry({ total: 10, connect: 1, read: 1 })
    const afterConnect = r.increment('POST', 'u', { error: new NewConnectionError('refused') })
    expect(afterConnect.connect).toBe(0)
    expect(() => afterConnect.increment('POST', 'u', { error: new ConnectTimeoutError('slow') })).toThrow(
      MaxRetryError,
    )
    const afterRead = r.increment('GET', 'u', { error: new ReadTimeoutError('slow') })
    expect(afterRead.read).toBe(0)
    const readError = new ProtocolError('reset')
    expect(() => r.increment('POST', 'u', { error: readError })).toThrow(readError)
  })

  test('connect: false and total: false re-raise the error itself', () => {
    const error = new NewConnectionError('refused')
    expect(() => new Retry({ connect: false }).increment('GET', 'u', { error })).toThrow(error)
    expect(() => Retry.from(false).increment('GET', 'u', { error })).toThrow(error)
  })

  test('other errors count against other', () => {
    const r = new Retry({ other: 0 })
    expect(() => r.increment('GET', 'u', { error: new SSLError('bad cert') })).toThrow(MaxRetryError)
  })

  test('redirects count against redirect and record the location', () => {
    const r = new Retry({ redirect: 1 })
    const next = r.increment('GET', 'u', { response: resp(302, { Location: '/x' }) })
    expect(next.redirect).toBe(0)
    expect(next.history[0]!.redirectLocation).toBe('/x')
    expect(() => next.increment('GET', 'u', { response: resp(302, { Location: '/y' }) })).toThrow(
      /too many redirects/,
    )
  })

  test('isRetry: forcelist, allowed methods, Retry-After statuses', () => {
    const r = new Retry({ statusForcelist: [500] })
    expect(r.isRetry('GET', 500)).toBe(true)
    expect(r.isRetry('POST', 500)).toBe(false)
    expect(r.isRetry('GET', 502)).toBe(false)
    expect(r.isRetry('GET', 503, true)).toBe(true)
    expect(r.isRetry('GET', 429, true)).toBe(true)
    expect(r.isRetry('GET', 429, false)).toBe(false)
    expect(new Retry({ respectRetryAfterHeader: false }).isRetry('GET', 429, true)).toBe(false)
    expect(new Retry({ allowedMethods: null, statusForcelist: [500] }).isRetry('POST', 500)).toBe(true)
    expect(new Retry({ allowedMethods: ['post'], statusForcelist: [500] }).isRetry('POST', 500)).toBe(true)
  })

  test('backoff: factor * 2^(n-1) ms, capped, zero for the first retry, reset by redirects', () => {
    let r = new Retry({ total: 10, backoffFactor: 100, backoffMax: 500 })
    r = r.increment('GET', 'u', { error: new ReadTimeoutError('x') })
    expect(r.getBackoffTime()).toBe(0)
    r = r.increment('GET', 'u', { error: new ReadTimeoutError('x') })
    expect(r.getBackoffTime()).toBe(200)
    r = r.increment('GET', 'u', { error: new ReadTimeoutError('x') })
    expect(r.getBackoffTime()).toBe(400)
    r = r.increment('GET', 'u', { error: new ReadTimeoutError('x') })
    expect(r.getBackoffTime()).toBe(500)
    r = r.increment('GET', 'u', { response: resp(301, { location: '/' }) })
    expect(r.getBackoffTime()).toBe(0)
  })

  test('jitter adds at most backoffJitter ms', () => {
    let r = new Retry({ backoffFactor: 100, backoffJitter: 50 })
    r = r
      .increment('GET', 'u', { error: new ReadTimeoutError('x') })
      .increment('GET', 'u', { error: new ReadTimeoutError('x') })
    for (let i = 0; i < 20; i++) {
      const t = r.getBackoffTime()
      expect(t).toBeGreaterThanOrEqual(200)
      expect(t).toBeLessThan(250)
    }
  })

  test('Retry-After in seconds or as an HTTP date, capped by retryAfterMax (not backoffMax, issue 13)', () => {
    const r = new Retry({ backoffMax: 5_000 })
    expect(r.retryAfterMax).toBe(21_600_000)
    expect(Retry.DEFAULT_RETRY_AFTER_MAX).toBe(21_600_000)
    expect(r.getRetryAfter(resp(503, { 'Retry-After': '2' }))).toBe(2000)
    expect(r.getRetryAfter(resp(503, { 'Retry-After': '300' }))).toBe(300_000)
    expect(r.getRetryAfter(resp(503, { 'Retry-After': '86400' }))).toBe(21_600_000)
    const capped = new Retry({ retryAfterMax: 5_000 })
    expect(capped.getRetryAfter(resp(503, { 'Retry-After': '3600' }))).toBe(5000)
    expect(capped.new({ total: 1 }).retryAfterMax).toBe(5000)
    expect(r.getRetryAfter(resp(503))).toBeUndefined()
    expect(r.getRetryAfter(resp(503, { 'Retry-After': 'soon' }))).toBeUndefined()
    expect(r.delayFor(resp(503, { 'Retry-After': '1' }))).toBe(1000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(' 7 ')).toBe(7000)
  })

  test('options are validated with the option path', () => {
    expect(() => new Retry({ total: -1 })).toThrow('"options.total" must be a non-negative integer')
    expect(() => new Retry({ backoffFactor: -1 })).toThrow(
      '"options.backoffFactor" must be a non-negative number',
    )
    expect(() => new Retry({ totl: 1 } as never)).toThrow('"options.totl" is not a known option')
    try {
      new Retry({ total: 'x' as never })
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError)
      expect((error as { code: string }).code).toBe('ERR_INVALID_ARG_VALUE')
    }
  })
})

test("a caller's sets are copied; copies made by increment() and new() share the Retry's own, as urllib3's Retry.new", () => {
  const forcelist = new Set([503])
  const methods = new Set(['get'])
  const retry = new Retry({ total: 3, statusForcelist: forcelist, allowedMethods: methods })
  forcelist.add(500)
  methods.add('post')
  expect([...retry.statusForcelist]).toEqual([503])
  expect([...(retry.allowedMethods ?? [])]).toEqual(['GET'])
  const next = retry.increment('GET', 'http://x.test/', { error: new Error('boom') })
  expect(next.statusForcelist).toBe(retry.statusForcelist)
  expect(next.allowedMethods).toBe(retry.allowedMethods)
  expect(next.removeHeadersOnRedirect).toBe(retry.removeHeadersOnRedirect)
  expect(retry.new({ total: 1 }).statusForcelist).toBe(retry.statusForcelist)
  // The brand that instanceof reads (across installed copies) is the prototype's, not a property per copy.
  expect(next instanceof Retry).toBe(true)
  expect(Object.getOwnPropertySymbols(next)).toEqual([])
})
