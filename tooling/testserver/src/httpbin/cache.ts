import { randomUUID } from 'node:crypto'
import { type Context, type Route, intSegment, notFound, sendJson } from './context.ts'
import { buildEcho } from './request-info.ts'

function notModified(ctx: Context, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(304, headers)
  ctx.res.end()
}

/** /cache: 304 when the request is conditional; /cache/:n sets Cache-Control max-age=n. */
async function cache(ctx: Context): Promise<void> {
  if (ctx.segments.length === 2) {
    const n = intSegment(ctx.segments[1])
    if (!(n >= 0)) notFound(ctx.res)
    else sendJson(ctx.res, 200, await buildEcho(ctx), { 'Cache-Control': `public, max-age=${n}` })
    return
  }
  if (ctx.segments.length !== 1) {
    notFound(ctx.res)
    return
  }
  const { headers } = ctx.req
  if (headers['if-modified-since'] !== undefined || headers['if-none-match'] !== undefined) {
    notModified(ctx)
    return
  }
  sendJson(ctx.res, 200, await buildEcho(ctx), {
    'Last-Modified': new Date().toUTCString(),
    ETag: randomUUID().replaceAll('-', ''),
  })
}

function tagList(header: string): string[] {
  return header.split(',').map((tag) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1'),
  )
}

/** /etag/:etag: If-None-Match -> 304, failed If-Match -> 412, else the echo with that ETag. */
async function etag(ctx: Context): Promise<void> {
  const tag = ctx.segments[1]
  if (tag === undefined || ctx.segments.length !== 2) {
    notFound(ctx.res)
    return
  }
  const quoted = `"${tag}"`
  const ifNoneMatch = ctx.req.headers['if-none-match']
  const ifMatch = ctx.req.headers['if-match']
  if (ifNoneMatch !== undefined) {
    const tags = tagList(ifNoneMatch)
    if (tags.includes(tag) || tags.includes('*')) {
      notModified(ctx, { ETag: quoted })
      return
    }
  } else if (ifMatch !== undefined) {
    const tags = tagList(ifMatch)
    if (!tags.includes(tag) && !tags.includes('*')) {
      ctx.res.writeHead(412, { 'Content-Length': '0' })
      ctx.res.end()
      return
    }
  }
  sendJson(ctx.res, 200, await buildEcho(ctx), { ETag: quoted })
}

/** /cache, /cache/:n, /etag/:etag */
export const cacheRoutes: Record<string, Route> = {
  cache: { methods: ['GET'], handle: cache },
  etag: { methods: ['GET'], handle: etag },
}
