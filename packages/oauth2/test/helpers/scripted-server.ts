import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ScriptedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  form: URLSearchParams
}
export type Handler = (req: ScriptedRequest, res: ServerResponse) => void | Promise<void>

/** `await using` closes it. */
export interface ScriptedServer extends AsyncDisposable {
  url: string
  hits: Map<string, number>
  requests: ScriptedRequest[]
  routes: Map<string, Handler>
  close(): Promise<void>
}

/** Writes a JSON answer. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** A node:http server on 127.0.0.1:0 answering each path with the handler the test scripted. */
export async function startScriptedServer(routes: Record<string, Handler> = {}): Promise<ScriptedServer> {
  const table = new Map(Object.entries(routes))
  const hits = new Map<string, number>()
  const requests: ScriptedRequest[] = []
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body = Buffer.concat(chunks).toString()
    const request: ScriptedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      form: new URLSearchParams(body),
    }
    requests.push(request)
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1)
    const handler = table.get(url.pathname)
    if (!handler) return json(res, 404, { error: 'not_found' })
    try {
      await handler(request, res)
    } catch (error) {
      res.writeHead(599).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    requests,
    routes: table,
    close,
    [Symbol.asyncDispose]: close,
  }
}
