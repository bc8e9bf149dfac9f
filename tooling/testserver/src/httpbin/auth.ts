import { timingSafeEqual } from 'node:crypto'
import { type Context, type Route, notFound, send, sendJson } from './context.ts'

/** The user and password of a `Basic` Authorization header, or undefined. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (match === null) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const index = decoded.indexOf(':')
  if (index === -1) return undefined
  return { user: decoded.slice(0, index), password: decoded.slice(index + 1) }
}

export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function checkBasic(ctx: Context): string | undefined {
  const [, user, password] = ctx.segments
  if (ctx.segments.length !== 3 || user === undefined || password === undefined) {
    notFound(ctx.res)
    return undefined
  }
  const given = basicCredentials(ctx.req.headers.authorization)
  if (given !== undefined && sameText(given.user, user) && sameText(given.password, password)) return user
  return ''
}

/** /basic-auth/:user/:passwd, /hidden-basic-auth/:user/:passwd, /bearer */
export const authRoutes: Record<string, Route> = {
  'basic-auth': {
    methods: ['GET'],
    handle(ctx) {
      const user = checkBasic(ctx)
      if (user === undefined) return
      if (user !== '') sendJson(ctx.res, 200, { authenticated: true, user })
      else
        send(ctx.res, 401, '', 'text/html; charset=utf-8', { 'WWW-Authenticate': 'Basic realm="Fake Realm"' })
    },
  },
  'hidden-basic-auth': {
    methods: ['GET'],
    handle(ctx) {
      const user = checkBasic(ctx)
      if (user === undefined) return
      if (user !== '') sendJson(ctx.res, 200, { authenticated: true, user })
      else notFound(ctx.res)
    },
  },
  bearer: {
    methods: ['GET'],
    handle(ctx) {
      const match = /^bearer\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization ?? '')
      if (match === null) send(ctx.res, 401, '', 'text/html; charset=utf-8', { 'WWW-Authenticate': 'Bearer' })
      else sendJson(ctx.res, 200, { authenticated: true, token: match[1] })
    },
  },
}
