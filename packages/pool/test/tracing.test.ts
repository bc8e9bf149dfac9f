import { AsyncLocalStorage } from 'node:async_hooks'
import diagnostics from 'node:diagnostics_channel'
import { httpbinTest as test } from '@x/testserver/vitest'
import { expect } from 'vitest'
import {
  type PoolAttemptContext,
  type PoolRequestContext,
  PoolManager,
  Retry,
  tracingChannels,
} from '../src/index.js'

type Event = [string, string, Record<string, unknown>]

function record(into: Event[]) {
  const handlers = (name: string) => ({
    start: (ctx: object) => into.push([name, 'start', { ...ctx }]),
    end: (ctx: object) => into.push([name, 'end', { ...ctx }]),
    asyncStart: (ctx: object) => into.push([name, 'asyncStart', { ...ctx }]),
    asyncEnd: (ctx: object) => into.push([name, 'asyncEnd', { ...ctx }]),
    error: (ctx: object) => into.push([name, 'error', { ...ctx }]),
  })
  const request = handlers('request')
  const attempt = handlers('attempt')
  tracingChannels.request.subscribe(request)
  tracingChannels.attempt.subscribe(attempt)
  return () => {
    tracingChannels.request.unsubscribe(request)
    tracingChannels.attempt.unsubscribe(attempt)
  }
}

test('x:pool:request and x:pool:attempt: ids, attempts with their reasons, redacted URLs', async ({
  httpbin,
}) => {
  const events: Event[] = []
  const stop = record(events)
  try {
    await using pm = new PoolManager({
      retries: new Retry({ total: 3, statusForcelist: [503], backoffFactor: 0 }),
    })
    const [a, b] = await Promise.all([
      pm.request('GET', `${httpbin.url}/redirect/1?token=secret`),
      pm.request('GET', `${httpbin.url}/status/503`, {
        retries: new Retry({ total: 1, statusForcelist: [503], raiseOnStatus: false }),
      }),
    ])
    expect(a.status).toBe(200)
    expect(b.status).toBe(503)
  } finally {
    stop()
  }
  const requests = events.filter(([n, kind]) => n === 'request' && kind === 'start').map(([, , c]) => c)
  expect(requests).toHaveLength(2)
  expect(requests[0]!.url).toBe(`${httpbin.url}/redirect/1?token=[REDACTED]`)
  expect(requests[0]!.origin).toBe(httpbin.url)
  expect(requests[0]!.id).not.toBe(requests[1]!.id)
  const attemptsOf = (id: unknown) =>
    events
      .filter(([n, kind, c]) => n === 'attempt' && kind === 'start' && c.id === id)
      .map(([, , c]) => [c.attempt, c.retryReason])
  expect(attemptsOf(requests[0]!.id)).toEqual([
    [0, undefined],
    [1, 'redirect'],
  ])
  expect(attemptsOf(requests[1]!.id)).toEqual([
    [0, undefined],
    [1, 'status 503'],
  ])
  // each traced call settles through asyncEnd with its result
  const ends = events.filter(([n, kind]) => n === 'request' && kind === 'asyncEnd').map(([, , c]) => c)
  expect(ends.map((c) => (c as unknown as PoolRequestContext).result?.status).sort()).toEqual([200, 503])
  expect(JSON.stringify(events.map(([, , c]) => ({ ...c, result: undefined })))).not.toContain('secret')
})

test('a failed request ends in error on both channels', async () => {
  const events: Event[] = []
  const stop = record(events)
  try {
    await using pm = new PoolManager({ retries: 1 })
    await expect(pm.request('GET', 'http://127.0.0.1:1/')).rejects.toThrow()
  } finally {
    stop()
  }
  expect(
    events.filter(([, kind]) => kind === 'error').map(([n, , c]) => [n, (c as { attempt?: number }).attempt]),
  ).toEqual([
    ['attempt', 0],
    ['attempt', 1],
    ['request', undefined],
  ])
  const retry = events.find(([n, kind, c]) => n === 'attempt' && kind === 'start' && c.attempt === 1)!
  expect(retry[2].retryReason).toBe('NewConnectionError (ERR_POOL_NEW_CONNECTION)')
})

test("a store bound to start is current in undici's own request channel (how a tracer parents its spans)", async ({
  httpbin,
}) => {
  const als = new AsyncLocalStorage<{ label: string }>()
  tracingChannels.attempt.start.bindStore(als, (ctx) => ({
    label: `attempt ${(ctx as PoolAttemptContext).attempt}`,
  }))
  const seen: Array<string | undefined> = []
  const onCreate = () => seen.push(als.getStore()?.label)
  diagnostics.subscribe('undici:request:create', onCreate)
  try {
    await using pm = new PoolManager()
    await pm.request('GET', `${httpbin.url}/redirect/1`)
  } finally {
    diagnostics.unsubscribe('undici:request:create', onCreate)
    tracingChannels.attempt.start.unbindStore(als)
  }
  expect(seen).toEqual(['attempt 0', 'attempt 1'])
})

test('a request queued for a connection is sent in the async context it was made in', async ({ httpbin }) => {
  const als = new AsyncLocalStorage<string>()
  const seen: Array<string | undefined> = []
  const onCreate = () => seen.push(als.getStore())
  diagnostics.subscribe('undici:request:create', onCreate)
  try {
    await using pm = new PoolManager({ maxSize: 1, block: true })
    const [a, b] = await Promise.all([
      als.run('first', () => pm.request('GET', `${httpbin.url}/delay/0.05`)),
      als.run('second', () => pm.request('GET', `${httpbin.url}/get`)),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
  } finally {
    diagnostics.unsubscribe('undici:request:create', onCreate)
  }
  // The second request waited in the pool's queue and was sent when the first one's connection came back.
  expect(seen).toEqual(['first', 'second'])
})

test('without subscribers nothing is traced', () => {
  expect(tracingChannels.request.hasSubscribers).toBe(false)
  expect(tracingChannels.attempt.hasSubscribers).toBe(false)
})
