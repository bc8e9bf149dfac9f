import type { IncomingMessage, ServerResponse } from 'node:http'

/** What a route handler gets: the request split into path segments and query string. */
export interface Context {
  req: IncomingMessage
  res: ServerResponse
  scheme: 'http' | 'https'
  /** Path segments after the leading slash, e.g. `/status/200` -> `['status', '200']` (URL-decoded). */
  segments: string[]
  /** The path as received, without the query string. */
  path: string
  /** The raw query string without `?` (empty when there is none). */
  query: string
  /** Aborted when the client goes away or the server closes: timers stop on it. */
  signal: AbortSignal
}

export type Handler = (ctx: Context) => void | Promise<void>

export interface Route {
  /** Allowed methods (HEAD is allowed wherever GET is). Undefined means any method. */
  methods?: readonly string[]
  handle: Handler
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers?: Record<string, string | string[]>,
): void {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(buffer.length),
  })
  res.end(buffer)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string | string[]>,
): void {
  send(res, status, JSON.stringify(value, null, 2) + '\n', 'application/json', headers)
}

/** The query string as httpbin shows it: a key seen twice becomes an array. */
export function queryObject(query: string): Record<string, string | string[]> {
  return paramsObject(new URLSearchParams(query))
}

export function paramsObject(params: Iterable<[string, string]>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {}
  for (const [key, value] of params) addValue(result, key, value)
  return result
}

export function addValue(target: Record<string, string | string[]>, key: string, value: string): void {
  const previous = target[key]
  if (previous === undefined) target[key] = value
  else if (Array.isArray(previous)) previous.push(value)
  else target[key] = [previous, value]
}

/** First value of a query parameter, or undefined. */
export function queryParam(ctx: Context, name: string): string | undefined {
  if (ctx.query === '') return undefined
  return new URLSearchParams(ctx.query).get(name) ?? undefined
}

/** Parses a non-negative integer path segment; NaN when it is not one. */
export function intSegment(value: string | undefined): number {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return Number.NaN
  return Number(value)
}

export function notFound(res: ServerResponse): void {
  send(
    res,
    404,
    '<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n',
    'text/html; charset=utf-8',
  )
}

export function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, message + '\n', 'text/plain; charset=utf-8')
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks `signal.aborted`). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
