import { AsyncLocalStorage } from 'node:async_hooks'
import { tracingChannels as poolChannels } from '@x/pool'
import { httpbinTest as test, nodeDebugOutput } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { Request, Session, type SessionHopContext, tracingChannels } from '../src/index.js'

type Event = [string, string, Record<string, unknown>]

test('x:requests:request once per call, x:requests:hop per redirect hop, pool requests nested in hops', async ({
  httpbin,
}) => {
  const events: Event[] = []
  const handlers = (name: string) => ({
    start: (ctx: object) => events.push([name, 'start', { ...ctx }]),
    end: () => {},
    asyncStart: () => {},
    asyncEnd: (ctx: object) => events.push([name, 'asyncEnd', { ...ctx }]),
    error: (ctx: object) => events.push([name, 'error', { ...ctx }]),
  })
  const request = handlers('request')
  const hop = handlers('hop')
  tracingChannels.request.subscribe(request)
  tracingChannels.hop.subscribe(hop)
  // which hop each pool request runs in
  const als = new AsyncLocalStorage<SessionHopContext>()
  tracingChannels.hop.start.bindStore(als, (ctx) => ctx as SessionHopContext)
  const poolIn: Array<number | undefined> = []
  const onPool = () => poolIn.push(als.getStore()?.hop)
  poolChannels.request.start.subscribe(onPool)
  try {
    await using s = new Session()
    const [r] = await Promise.all([
      s.get(`${httpbin.url}/redirect/2?token=secret`),
      s.get(`${httpbin.url}/get`),
    ])
    expect(r.history).toHaveLength(2)
  } finally {
    tracingChannels.request.unsubscribe(request)
    tracingChannels.hop.unsubscribe(hop)
    tracingChannels.hop.start.unbindStore(als)
    poolChannels.request.start.unsubscribe(onPool)
  }
  const starts = events.filter(([n, kind]) => n === 'request' && kind === 'start').map(([, , c]) => c)
  expect(starts.map((c) => c.url)).toEqual([
    `${httpbin.url}/redirect/2?token=[REDACTED]`,
    `${httpbin.url}/get`,
  ])
  const id = starts[0]!.id
  expect(starts[1]!.id).not.toBe(id)
  const hops = events
    .filter(([n, kind, c]) => n === 'hop' && kind === 'start' && c.id === id)
    .map(([, , c]) => c)
  expect(hops.map((c) => [c.hop, c.historyIndex, c.url])).toEqual([
    [0, 0, `${httpbin.url}/redirect/2?token=[REDACTED]`],
    [1, 1, `${httpbin.url}/relative-redirect/1`],
    [2, 2, `${httpbin.url}/get`],
  ])
  expect(poolIn.sort()).toEqual([0, 0, 1, 2]) // the concurrent /get is hop 0 of its own request
  const end = events.find(([n, kind, c]) => n === 'request' && kind === 'asyncEnd' && c.id === id)!
  expect((end[2].result as { statusCode: number }).statusCode).toBe(200)
  expect(JSON.stringify(events.map(([, , c]) => ({ ...c, result: undefined })))).not.toContain('secret')
})

test('a prepared request sent again later is a new traced request', async ({ httpbin }) => {
  const ids: number[] = []
  const noop = () => {}
  const handlers = {
    start: (ctx: object) => ids.push((ctx as { id: number }).id),
    end: noop,
    asyncStart: noop,
    asyncEnd: noop,
    error: noop,
  }
  tracingChannels.request.subscribe(handlers)
  try {
    await using s = new Session()
    const prepared = await s.prepareRequest(new Request('GET', `${httpbin.url}/get`))
    await s.send(prepared)
    await s.send(prepared)
  } finally {
    tracingChannels.request.unsubscribe(handlers)
  }
  expect(ids).toHaveLength(2)
  expect(ids[0]).not.toBe(ids[1])
})

test('a failed request publishes error on both channels', async () => {
  const errors: string[] = []
  const noop = () => {}
  const sub = (name: string) => ({
    start: noop,
    end: noop,
    asyncStart: noop,
    asyncEnd: noop,
    error: () => errors.push(name),
  })
  const request = sub('request')
  const hop = sub('hop')
  tracingChannels.request.subscribe(request)
  tracingChannels.hop.subscribe(hop)
  try {
    await using s = new Session()
    await expect(s.get('http://127.0.0.1:1/')).rejects.toThrow()
  } finally {
    tracingChannels.request.unsubscribe(request)
    tracingChannels.hop.unsubscribe(hop)
  }
  expect(errors).toEqual(['hop', 'request'])
})

test('NODE_DEBUG=x-requests: request, hops, end and failure lines with the request id, redacted', async ({
  httpbin,
}) => {
  const child = new URL('./fixtures/debug-child.ts', import.meta.url)
  const text = await nodeDebugOutput(child, 'x-requests', [httpbin.url])
  expect(text).toContain(`request 1 GET ${httpbin.url}/redirect/1?code=[REDACTED]`)
  expect(text).toContain(`request 1 hop 1 GET ${httpbin.url}/get`)
  expect(text).toContain('request 1 200 in N ms (1 redirect)')
  expect(text).toContain('request 2 failed: ConnectionError (ERR_REQUESTS_CONNECTION)')
  expect(text).not.toContain('abc')
  expect(text).not.toContain('X-POOL') // each layer has its own NODE_DEBUG name
})
