import { type Context, type Route, intSegment, notFound, queryParam, send } from './context.ts'
import { someBytes } from './random.ts'

/** Largest body /bytes, /stream-bytes, /range and /bytes-fixed produce (httpbin.org stops at 100 KiB). */
export const MAX_BYTES = 64 * 1024 * 1024
const ALPHABET = Buffer.from('abcdefghijklmnopqrstuvwxyz')
const fixedCache = new Map<number, Buffer>()

/** `n` deterministic bytes (0, 1, 2, ... 255, 0, ...), built once per size and cached. */
export function fixedBytes(n: number): Buffer {
  let cached = fixedCache.get(n)
  if (cached === undefined) {
    cached = Buffer.allocUnsafe(n)
    for (let i = 0; i < n; i++) cached[i] = i & 0xff
    if (fixedCache.size < 64) fixedCache.set(n, cached)
  }
  return cached
}

export function sizeSegment(ctx: Context): number | undefined {
  const n = intSegment(ctx.segments[1])
  if (ctx.segments.length !== 2 || !(n >= 0) || n > MAX_BYTES) {
    notFound(ctx.res)
    return undefined
  }
  return n
}

function alphabetBytes(start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start)
  for (let i = start; i < end; i++) out[i - start] = ALPHABET[i % 26]!
  return out
}

/** Parses a single `bytes=a-b`, `bytes=a-` or `bytes=-n` range against `size`. */
function parseRange(header: string, size: number): [number, number] | 'invalid' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (match === null) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  let start: number
  let end: number
  if (first === '') {
    start = Math.max(0, size - Number(last))
    end = size - 1
  } else {
    start = Number(first)
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  }
  return start > end || start >= size ? 'invalid' : [start, end]
}

function range(ctx: Context): void {
  const n = sizeSegment(ctx)
  if (n === undefined) return
  const headers = { 'Accept-Ranges': 'bytes', ETag: `range${n}` }
  const header = ctx.req.headers.range
  const parsed = header === undefined ? undefined : parseRange(header, n)
  if (parsed === 'invalid') {
    send(ctx.res, 416, '', 'application/octet-stream', { ...headers, 'Content-Range': `bytes */${n}` })
  } else if (parsed === undefined) {
    send(ctx.res, 200, alphabetBytes(0, n), 'application/octet-stream', headers)
  } else {
    const [start, end] = parsed
    send(ctx.res, 206, alphabetBytes(start, end + 1), 'application/octet-stream', {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${n}`,
    })
  }
}

/** /bytes/:n, /bytes-fixed/:n, /range/:n */
export const byteRoutes: Record<string, Route> = {
  bytes: {
    methods: ['GET'],
    handle(ctx) {
      const n = sizeSegment(ctx)
      if (n !== undefined)
        send(ctx.res, 200, someBytes(n, queryParam(ctx, 'seed')), 'application/octet-stream')
    },
  },
  'bytes-fixed': {
    methods: ['GET'],
    handle(ctx) {
      const n = sizeSegment(ctx)
      if (n !== undefined) send(ctx.res, 200, fixedBytes(n), 'application/octet-stream')
    },
  },
  range: { methods: ['GET'], handle: range },
}
