import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { context, propagation } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { tracingChannels as poolChannels } from '@x/pool'
import { tracingChannels as requestsChannels } from '@x/requests'
import { expect, test } from 'vitest'
import { OAuth2Session, tracingChannels } from '../src/index.js'
import { AlsContextManager, bridge } from './helpers/otel-bridge.js'

// Issue 16: one trace for an OAuth2Session.get that renews its token and follows a redirect, with the real
// OpenTelemetry SDK (in-memory exporter) and its undici instrumentation: the token request and each redirect
// hop are child spans, and the server receives traceparent headers of that trace.

/** A token endpoint, `/old` redirecting to `/new`, and a resource; `seen` lists each request's path and headers. */
async function startApi() {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = []
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers })
    req.resume()
    req.on('end', () => {
      if (req.url === '/token') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            access_token: 'at-2',
            token_type: 'Bearer',
            expires_in: 300,
            refresh_token: 'rt-2',
          }),
        )
      } else if (req.url === '/old') {
        res.writeHead(302, { location: '/new' }).end()
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ auth: req.headers.authorization }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { base, seen, [Symbol.asyncDispose]: () => server[Symbol.asyncDispose]() }
}

test('OAuth2Session.get renewing its token and following a redirect is one trace', async () => {
  await using api = await startApi()
  const { base, seen } = api
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const manager = new AlsContextManager()
  context.setGlobalContextManager(manager)
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  const undici = new UndiciInstrumentation()
  undici.setTracerProvider(provider)
  undici.enable()
  const tracer = provider.getTracer('x-stack-test')
  const stops = [
    bridge(
      tracingChannels.request,
      tracer,
      manager,
      (c) => `oauth2 ${c.method}`,
      (c) => ({ 'url.full': c.url, 'x.oauth2.renewal': c.renewal }),
    ),
    bridge(
      tracingChannels.token,
      tracer,
      manager,
      (c) => `oauth2 token ${c.grant}`,
      (c) => ({ 'x.oauth2.renewal': c.renewal }),
    ),
    bridge(
      requestsChannels.request,
      tracer,
      manager,
      (c) => `requests ${c.method}`,
      (c) => ({ 'url.full': c.url }),
    ),
    bridge(
      requestsChannels.hop,
      tracer,
      manager,
      (c) => `requests hop ${c.hop}`,
      (c) => ({ 'url.full': c.url, 'x.requests.hop': c.hop }),
    ),
    bridge(
      poolChannels.attempt,
      tracer,
      manager,
      (c) => `pool attempt ${c.attempt}`,
      (c) => ({ 'server.address': c.origin }),
    ),
  ]
  try {
    await using client = new OAuth2Session({
      clientId: 'app',
      clientSecret: 'app-secret',
      tokenEndpoint: `${base}/token`,
      token: { access_token: 'at-1', refresh_token: 'rt-1', token_type: 'Bearer', expires_at: 1 },
    })
    const r = await client.get(`${base}/old`)
    expect(r.json()).toEqual({ auth: 'Bearer at-2' })
    expect(r.history).toHaveLength(1)
  } finally {
    for (const stop of stops) stop()
    undici.disable()
    context.disable()
    propagation.disable()
  }
  const spans = exporter.getFinishedSpans()
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]))
  const parentOf = (s: ReadableSpan) => byId.get(s.parentSpanContext?.spanId ?? '')
  const root = spans.find((s) => s.name === 'oauth2 GET')!
  expect(root).toBeDefined()
  expect(parentOf(root)).toBeUndefined()
  // one trace
  expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([root.spanContext().traceId]))
  expect(root.attributes['x.oauth2.renewal']).toBe(true)

  const token = spans.find((s) => s.name === 'oauth2 token refresh_token')!
  expect(parentOf(token)).toBe(root)
  expect(token.attributes['x.oauth2.renewal']).toBe(true)
  const apiRequest = spans.find((s) => s.name === 'requests GET')!
  expect(parentOf(apiRequest)).toBe(root)
  const hops = spans.filter((s) => parentOf(s) === apiRequest).map((s) => [s.name, s.attributes['url.full']])
  expect(hops).toEqual([
    ['requests hop 0', `${base}/old`],
    ['requests hop 1', `${base}/new`],
  ])
  // undici's spans (the instrumentation's HTTP client spans) sit under a pool attempt, under a hop / the token span
  const undiciSpans = spans.filter((s) => s.name === 'GET' || s.name === 'POST')
  expect(undiciSpans).toHaveLength(3)
  const chain = (s: ReadableSpan) => {
    const names: string[] = []
    for (let p = parentOf(s); p !== undefined; p = parentOf(p)) names.push(p.name)
    return names
  }
  expect(undiciSpans.map(chain)).toEqual([
    ['pool attempt 0', 'requests hop 0', 'requests POST', 'oauth2 token refresh_token', 'oauth2 GET'],
    ['pool attempt 0', 'requests hop 0', 'requests GET', 'oauth2 GET'],
    ['pool attempt 0', 'requests hop 1', 'requests GET', 'oauth2 GET'],
  ])
  // traceparent reached the server on every request, naming the undici span of that request
  expect(seen.map((s) => s.path)).toEqual(['/token', '/old', '/new'])
  seen.forEach((s, i) => {
    const span = undiciSpans[i]!.spanContext()
    expect(s.headers.traceparent).toBe(`00-${span.traceId}-${span.spanId}-01`)
  })
})
