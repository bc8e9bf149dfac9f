import { type Context, type Route, badRequest, queryObject, send } from './context.ts'

const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`

/** Extra headers and bodies httpbin sends for some codes. */
function statusResponse(ctx: Context, code: number): void {
  const { res } = ctx
  if ([301, 302, 303, 305, 307, 308].includes(code)) {
    send(res, code, '', 'text/html; charset=utf-8', { Location: '/redirect/1' })
  } else if (code === 401) {
    send(res, code, '', 'text/html; charset=utf-8', { 'WWW-Authenticate': 'Basic realm="Fake Realm"' })
  } else if (code === 402) {
    send(res, code, 'Fuck you, pay me!', 'text/html; charset=utf-8', {
      'x-more-info': 'http://vimeo.com/22053820',
    })
  } else if (code === 407) {
    send(res, code, '', 'text/html; charset=utf-8', { 'Proxy-Authenticate': 'Basic realm="Fake Realm"' })
  } else if (code === 418) {
    send(res, code, TEAPOT, 'text/plain', { 'x-more-info': 'http://tools.ietf.org/html/rfc2324' })
  } else if (code === 204 || code === 304 || code < 200) {
    res.writeHead(code)
    res.end()
  } else {
    send(res, code, '', 'text/html; charset=utf-8')
  }
}

/** `/status/200`, `/status/200,500` (random pick), `/status/200:0.9,500:0.1` (weighted pick). */
function pickStatus(spec: string): number | undefined {
  const choices: Array<[number, number]> = []
  for (const item of spec.split(',')) {
    const [codeText = '', weightText] = item.split(':')
    const code = Number(codeText)
    const weight = weightText === undefined ? 1 : Number(weightText)
    if (!/^\d{3}$/.test(codeText.trim()) || code < 100 || !(weight >= 0)) return undefined
    choices.push([code, weight])
  }
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let point = Math.random() * total
  for (const [code, weight] of choices) {
    point -= weight
    if (point < 0) return code
  }
  return choices.at(-1)?.[0]
}

/** /status/:codes and /response-headers */
export const statusRoutes: Record<string, Route> = {
  status: {
    handle(ctx) {
      const code = pickStatus(ctx.segments[1] ?? '')
      if (ctx.segments.length !== 2 || code === undefined) badRequest(ctx.res, 'Invalid status code')
      else statusResponse(ctx, code)
    },
  },
  'response-headers': {
    methods: ['GET', 'POST'],
    handle(ctx) {
      const headers = queryObject(ctx.query)
      const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
      const shown: Record<string, string | string[]> = hasType
        ? { ...headers }
        : { 'Content-Type': 'application/json', ...headers }
      // The body lists its own Content-Length, like httpbin: iterate until the length is stable.
      let body = ''
      for (let length = 0; ; ) {
        body = JSON.stringify({ ...shown, 'Content-Length': String(length) }, null, 2) + '\n'
        if (Buffer.byteLength(body) === length) break
        length = Buffer.byteLength(body)
      }
      for (const [name, value] of Object.entries(shown)) ctx.res.setHeader(name, value)
      ctx.res.setHeader('Content-Length', String(Buffer.byteLength(body)))
      ctx.res.writeHead(200)
      ctx.res.end(body)
    },
  },
}
