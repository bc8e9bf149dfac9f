import { readBody } from './body.ts'
import { type Context, type Route, badRequest, intSegment, notFound, queryParam, send } from './context.ts'

function redirect(ctx: Context, location: string, status = 302): void {
  send(ctx.res, status, '', 'text/html; charset=utf-8', { Location: location })
}

function base(ctx: Context): string {
  return `${ctx.scheme}://${ctx.req.headers.host ?? 'localhost'}`
}

/** Parses `/name/:n` with n >= 1; answers 404 otherwise. */
function hops(ctx: Context): number | undefined {
  const n = intSegment(ctx.segments[1])
  if (ctx.segments.length !== 2 || !(n >= 1)) {
    notFound(ctx.res)
    return undefined
  }
  return n
}

function relative(ctx: Context, n: number): void {
  redirect(ctx, n === 1 ? '/get' : `/relative-redirect/${n - 1}`)
}

function absolute(ctx: Context, n: number): void {
  redirect(ctx, n === 1 ? `${base(ctx)}/get` : `${base(ctx)}/absolute-redirect/${n - 1}`)
}

/** /redirect-to?url=..&status_code=.. (query, or urlencoded form for POST/PUT...) */
async function redirectTo(ctx: Context): Promise<void> {
  const params = new URLSearchParams(ctx.query)
  if (!params.has('url')) {
    const body = await readBody(ctx.req)
    const contentType = ctx.req.headers['content-type'] ?? ''
    if (body.length > 0 && contentType.startsWith('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value)
    }
  }
  const url = params.get('url')
  if (url === null) {
    badRequest(ctx.res, 'missing url')
    return
  }
  const code = Number(params.get('status_code') ?? 302)
  redirect(ctx, url, code >= 300 && code < 400 ? code : 302)
}

/** /redirect/:n /relative-redirect/:n /absolute-redirect/:n /redirect-to */
export const redirectRoutes: Record<string, Route> = {
  redirect: {
    methods: ['GET'],
    handle(ctx) {
      const n = hops(ctx)
      if (n === undefined) return
      if (queryParam(ctx, 'absolute')?.toLowerCase() === 'true') absolute(ctx, n)
      else relative(ctx, n)
    },
  },
  'relative-redirect': {
    methods: ['GET'],
    handle(ctx) {
      const n = hops(ctx)
      if (n !== undefined) relative(ctx, n)
    },
  },
  'absolute-redirect': {
    methods: ['GET'],
    handle(ctx) {
      const n = hops(ctx)
      if (n !== undefined) absolute(ctx, n)
    },
  },
  'redirect-to': { handle: redirectTo },
}
