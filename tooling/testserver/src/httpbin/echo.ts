import { type Context, type Route, sendJson } from './context.ts'
import { buildEcho, headersObject, origin } from './request-info.ts'

async function echo(ctx: Context): Promise<void> {
  sendJson(ctx.res, 200, await buildEcho(ctx))
}

/** /get /post /put /patch /delete /anything /headers /ip /user-agent */
export const echoRoutes: Record<string, Route> = {
  get: { methods: ['GET'], handle: echo },
  post: { methods: ['POST'], handle: echo },
  put: { methods: ['PUT'], handle: echo },
  patch: { methods: ['PATCH'], handle: echo },
  delete: { methods: ['DELETE'], handle: echo },
  anything: { handle: echo },
  headers: {
    methods: ['GET'],
    handle: (ctx) => sendJson(ctx.res, 200, { headers: headersObject(ctx.req) }),
  },
  ip: { methods: ['GET'], handle: (ctx) => sendJson(ctx.res, 200, { origin: origin(ctx.req) }) },
  'user-agent': {
    methods: ['GET'],
    handle: (ctx) => sendJson(ctx.res, 200, { 'user-agent': ctx.req.headers['user-agent'] ?? null }),
  },
}
