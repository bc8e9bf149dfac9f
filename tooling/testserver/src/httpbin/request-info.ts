import { isUtf8 } from 'node:buffer'
import type { IncomingMessage } from 'node:http'
import { readBody } from './body.ts'
import { type Context, paramsObject, queryObject } from './context.ts'
import { multipartBoundary, parseMultipart } from './multipart.ts'

const titleCache = new Map<string, string>()

/** `x-custom-header` -> `X-Custom-Header`, as httpbin (werkzeug) shows header names. */
export function titleCase(name: string): string {
  let title = titleCache.get(name)
  if (title === undefined) {
    title = name
      .toLowerCase()
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('-')
    if (titleCache.size < 1000) titleCache.set(name, title)
  }
  return title
}

/** Request headers with Title-Case names; a repeated header is joined with ','. */
export function headersObject(req: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {}
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = titleCase(raw[i]!)
    const value = raw[i + 1]!
    const previous = result[name]
    result[name] = previous === undefined ? value : `${previous},${value}`
  }
  return result
}

export function origin(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

export function fullUrl(ctx: Context): string {
  const url = ctx.req.url ?? '/'
  if (!url.startsWith('/')) return url
  return `${ctx.scheme}://${ctx.req.headers.host ?? 'localhost'}${url}`
}

/** A body as text when it is UTF-8, else a base64 data: URL (what httpbin does). */
export function bodyText(body: Buffer, contentType = 'application/octet-stream'): string {
  if (isUtf8(body)) return body.toString('utf8')
  return `data:${contentType};base64,${body.toString('base64')}`
}

export interface Echo {
  args: Record<string, string | string[]>
  headers: Record<string, string>
  origin: string
  url: string
  form: Record<string, string | string[]>
  files: Record<string, string | string[]>
  data: string
  json: unknown
  method: string
}

/** httpbin's echo of a request: reads and decodes the body (form, multipart, JSON, raw). */
export async function buildEcho(ctx: Context): Promise<Echo> {
  const body = await readBody(ctx.req)
  const echo: Echo = {
    args: ctx.query === '' ? {} : queryObject(ctx.query),
    headers: headersObject(ctx.req),
    origin: origin(ctx.req),
    url: fullUrl(ctx),
    form: {},
    files: {},
    data: '',
    json: null,
    method: ctx.req.method ?? 'GET',
  }
  if (body.length === 0) return echo
  const contentType = ctx.req.headers['content-type'] ?? ''
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase()
  if (mediaType === 'application/x-www-form-urlencoded') {
    echo.form = paramsObject(new URLSearchParams(body.toString('utf8')))
    return echo
  }
  const boundary = mediaType === 'multipart/form-data' ? multipartBoundary(contentType) : undefined
  if (boundary !== undefined) {
    const parsed = parseMultipart(body, boundary)
    echo.form = parsed.form
    echo.files = parsed.files
    return echo
  }
  echo.data = bodyText(body, mediaType || 'application/octet-stream')
  echo.json = parseJson(echo.data)
  return echo
}

function parseJson(text: string): unknown {
  const first = text.trimStart().charAt(0)
  if (first === '' || !'{["-0123456789tfn'.includes(first)) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
