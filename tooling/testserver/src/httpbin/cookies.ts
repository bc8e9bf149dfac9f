import { type Context, type Route, notFound, send, sendJson } from './context.ts'

/** Cookies sent by the client, as httpbin shows them (the last value wins for a repeated name). */
export function requestCookies(ctx: Context): Record<string, string> {
  const result: Record<string, string> = {}
  const header = ctx.req.headers.cookie
  if (header === undefined) return result
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=')
    if (index === -1) continue
    const name = pair.slice(0, index).trim()
    let value = pair.slice(index + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    if (name !== '') result[name] = value
  }
  return result
}

function toCookies(ctx: Context, setCookies: string[]): void {
  send(ctx.res, 302, '', 'text/html; charset=utf-8', { Location: '/cookies', 'Set-Cookie': setCookies })
}

function setCookie(ctx: Context): void {
  const [, action, name, value] = ctx.segments
  if (action === 'set' && name !== undefined && value !== undefined && ctx.segments.length === 4) {
    toCookies(ctx, [`${name}=${value}; Path=/`])
    return
  }
  if (ctx.segments.length !== 2) {
    notFound(ctx.res)
    return
  }
  const cookies: string[] = []
  for (const [key, val] of new URLSearchParams(ctx.query)) {
    cookies.push(
      action === 'set'
        ? `${key}=${val}; Path=/`
        : `${key}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`,
    )
  }
  toCookies(ctx, cookies)
}

/** /cookies, /cookies/set?k=v, /cookies/set/:name/:value, /cookies/delete?k */
export const cookieRoutes: Record<string, Route> = {
  cookies: {
    methods: ['GET'],
    handle(ctx) {
      const action = ctx.segments[1]
      if (action === undefined) sendJson(ctx.res, 200, { cookies: requestCookies(ctx) })
      else if (action === 'set' || action === 'delete') setCookie(ctx)
      else notFound(ctx.res)
    },
  },
}
