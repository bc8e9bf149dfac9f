import type { ServerResponse } from 'node:http'
import { sizeSegment } from './bytes.ts'
import { type Context, type Route, intSegment, notFound, queryParam, sendJson, sleep } from './context.ts'
import { buildEcho, fullUrl, headersObject, origin } from './request-info.ts'
import { someBytes } from './random.ts'

/** Writes a chunk and waits for the socket to drain when it is full. */
function write(res: ServerResponse, chunk: Buffer | string, signal: AbortSignal): Promise<void> {
  if (res.write(chunk) || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    res.once('drain', resolve)
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

/** /stream/:n: n JSON lines (at most 100), each sent as its own chunk. */
async function stream(ctx: Context): Promise<void> {
  const n = intSegment(ctx.segments[1])
  if (ctx.segments.length !== 2 || !(n >= 0)) {
    notFound(ctx.res)
    return
  }
  const base = {
    url: fullUrl(ctx),
    args: Object.fromEntries(new URLSearchParams(ctx.query)),
    headers: headersObject(ctx.req),
    origin: origin(ctx.req),
  }
  ctx.res.writeHead(200, { 'Content-Type': 'application/json' })
  for (let id = 0; id < Math.min(n, 100) && !ctx.signal.aborted; id++) {
    await write(ctx.res, JSON.stringify({ ...base, id }) + '\n', ctx.signal)
  }
  ctx.res.end()
}

/** /stream-bytes/:n?seed=&chunk_size=: n bytes, chunked. */
async function streamBytes(ctx: Context): Promise<void> {
  const n = sizeSegment(ctx)
  if (n === undefined) return
  const chunkSize = Math.max(1, Number(queryParam(ctx, 'chunk_size') ?? 10 * 1024) || 10 * 1024)
  const bytes = someBytes(n, queryParam(ctx, 'seed'))
  ctx.res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
  for (let offset = 0; offset < n && !ctx.signal.aborted; offset += chunkSize) {
    await write(ctx.res, bytes.subarray(offset, offset + chunkSize), ctx.signal)
  }
  ctx.res.end()
}

/** /drip?duration=2&numbytes=10&code=200&delay=0: numbytes '*' spread over duration seconds. */
async function drip(ctx: Context): Promise<void> {
  const params = new URLSearchParams(ctx.query)
  const duration = Number(params.get('duration') ?? 2)
  const numbytes = Number(params.get('numbytes') ?? 10)
  const code = Number(params.get('code') ?? 200)
  const delay = Number(params.get('delay') ?? 0)
  if (
    !(numbytes >= 1 && numbytes <= 10 * 1024 * 1024) ||
    !(duration >= 0) ||
    !(delay >= 0) ||
    !(code >= 200)
  ) {
    sendJson(ctx.res, 400, { error: 'invalid drip parameters' })
    return
  }
  await sleep(Math.min(delay, 10) * 1000, ctx.signal)
  if (ctx.signal.aborted) return
  ctx.res.writeHead(code, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(numbytes) })
  const pause = (Math.min(duration, 60) * 1000) / numbytes
  for (let i = 0; i < numbytes && !ctx.signal.aborted; i++) {
    await write(ctx.res, '*', ctx.signal)
    if (i < numbytes - 1 && pause > 0) await sleep(pause, ctx.signal)
  }
  ctx.res.end()
}

/** /delay/:s (at most 10 s, fractions allowed), then the echo. */
async function delay(ctx: Context): Promise<void> {
  const seconds = Number(ctx.segments[1])
  if (ctx.segments.length !== 2 || !(seconds >= 0)) {
    notFound(ctx.res)
    return
  }
  const echo = await buildEcho(ctx)
  await sleep(Math.min(seconds, 10) * 1000, ctx.signal)
  if (!ctx.signal.aborted) sendJson(ctx.res, 200, echo)
}

/** /stream/:n /stream-bytes/:n /drip /delay/:s */
export const streamRoutes: Record<string, Route> = {
  stream: { methods: ['GET'], handle: stream },
  'stream-bytes': { methods: ['GET'], handle: streamBytes },
  drip: { methods: ['GET'], handle: drip },
  delay: { handle: delay },
}
