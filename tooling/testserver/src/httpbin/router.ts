import type { IncomingMessage, ServerResponse } from 'node:http'
import { authRoutes } from './auth.ts'
import { byteRoutes } from './bytes.ts'
import { cacheRoutes } from './cache.ts'
import { contentRoutes } from './content.ts'
import { type Context, type Route, notFound, send } from './context.ts'
import { cookieRoutes } from './cookies.ts'
import { digestRoutes } from './digest-auth.ts'
import { echoRoutes } from './echo.ts'
import { encodingRoutes } from './encodings.ts'
import { redirectRoutes } from './redirects.ts'
import { statusRoutes } from './status.ts'
import { streamRoutes } from './streams.ts'

/** Routes by first path segment: one Map lookup per request. */
const routes = new Map<string, Route>(
  Object.entries({
    ...echoRoutes,
    ...statusRoutes,
    ...redirectRoutes,
    ...cookieRoutes,
    ...authRoutes,
    ...digestRoutes,
    ...encodingRoutes,
    ...byteRoutes,
    ...streamRoutes,
    ...contentRoutes,
    ...cacheRoutes,
  }),
)

const INDEX = `<!DOCTYPE html>\n<title>testserver httpbin</title>\n<ul>${[...routes.keys()]
  .map((name) => `<li><a href="/${name}">/${name}</a></li>`)
  .join('')}</ul>\n`

function allowed(route: Route, method: string): boolean {
  const { methods } = route
  if (methods === undefined) return true
  return methods.includes(method) || (method === 'HEAD' && methods.includes('GET'))
}

function allowHeader(route: Route): string {
  const methods = route.methods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
  return [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ')
}

function decodeSegments(path: string): string[] | undefined {
  const segments = path.slice(1).split('/')
  try {
    return segments.map((segment) => (segment.includes('%') ? decodeURIComponent(segment) : segment))
  } catch {
    return undefined
  }
}

function splitTarget(target: string): { path: string; query: string } {
  let pathAndQuery = target
  if (!target.startsWith('/')) {
    // absolute-form (a client talking to us as if we were a proxy)
    try {
      const url = new URL(target)
      pathAndQuery = url.pathname + url.search
    } catch {
      pathAndQuery = '/'
    }
  }
  const index = pathAndQuery.indexOf('?')
  if (index === -1) return { path: pathAndQuery, query: '' }
  return { path: pathAndQuery.slice(0, index), query: pathAndQuery.slice(index + 1) }
}

function lazySignal(res: ServerResponse): () => AbortSignal {
  let controller: AbortController | undefined
  return () => {
    if (controller === undefined) {
      const created = new AbortController()
      controller = created
      if (res.destroyed || res.writableFinished) created.abort()
      else res.once('close', () => created.abort())
    }
    return controller.signal
  }
}

async function dispatch(ctx: Context, route: Route | undefined): Promise<void> {
  const method = ctx.req.method ?? 'GET'
  if (route === undefined) {
    if (ctx.path === '/') send(ctx.res, 200, INDEX, 'text/html; charset=utf-8')
    else notFound(ctx.res)
  } else if (method === 'OPTIONS') {
    ctx.res.writeHead(200, {
      Allow: allowHeader(route),
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': allowHeader(route),
      'Content-Length': '0',
    })
    ctx.res.end()
  } else if (!allowed(route, method)) {
    send(
      ctx.res,
      405,
      '<!DOCTYPE html>\n<title>405 Method Not Allowed</title>\n',
      'text/html; charset=utf-8',
      {
        Allow: allowHeader(route),
      },
    )
  } else {
    await route.handle(ctx)
  }
}

/** The request listener of httpbin: counts hits per path, routes, and turns a failure into a 500. */
export function createHttpbinHandler(options: {
  scheme: 'http' | 'https'
  hits: Map<string, number>
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { scheme, hits } = options
  return (req, res) => {
    const { path, query } = splitTarget(req.url ?? '/')
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const segments = decodeSegments(path)
    const route = segments === undefined ? undefined : routes.get(segments[0]!)
    const signal = lazySignal(res)
    const ctx: Context = {
      req,
      res,
      scheme,
      segments: segments ?? [],
      path,
      query,
      get signal() {
        return signal()
      },
    }
    dispatch(ctx, route).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else send(res, 500, `internal error: ${(error as Error).message}\n`, 'text/plain; charset=utf-8')
    })
  }
}
