// A reverse proxy on 127.0.0.1 in front of Keycloak's token endpoint that counts token requests by grant type and
// by answer (an `invalid_grant` is counted apart), and can hold requests unanswered (a renewal in flight whose
// process is then killed). The Host header is rewritten so Keycloak's issuer stays its own.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TokenRequest {
  readonly grantType: string
  readonly at: number
  status?: number
  error?: string
}

export interface TokenProxy {
  readonly url: string
  readonly requests: TokenRequest[]
  /** Token requests with this grant type (all when omitted). */
  count(grantType?: string): number
  /** Answers with `error` (e.g. 'invalid_grant'). */
  errors(error?: string): number
  /** Hold the next `n` token requests unanswered until `release()` (they are never forwarded). */
  hold(n: number): void
  release(): void
  reset(): void
  close(): Promise<void>
}

export async function startTokenProxy(target: string): Promise<TokenProxy> {
  const upstream = new URL(target)
  const requests: TokenRequest[] = []
  let holding = 0
  const held: ServerResponse[] = []

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    record: TokenRequest | undefined,
  ) => {
    const outgoing = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
      },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          const text = Buffer.concat(chunks)
          if (record) {
            record.status = answer.statusCode ?? 0
            if (answer.statusCode !== 200) {
              try {
                record.error = String((JSON.parse(text.toString()) as { error?: string }).error)
              } catch {
                record.error = `status ${answer.statusCode}`
              }
            }
          }
          const headers = { ...answer.headers }
          delete headers['transfer-encoding']
          res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(text.length) })
          res.end(text)
        })
      },
    )
    outgoing.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`proxy: ${error.message}`)
    })
    outgoing.end(body)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const isToken =
        req.method === 'POST' && (req.url ?? '').split('?')[0]?.endsWith('/openid-connect/token')
      let record: TokenRequest | undefined
      if (isToken) {
        record = { grantType: new URLSearchParams(body.toString()).get('grant_type') ?? '?', at: Date.now() }
        requests.push(record)
        if (holding > 0) {
          holding--
          held.push(res)
          return
        }
      }
      forward(req, res, body, record)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (grantType) => requests.filter((r) => grantType === undefined || r.grantType === grantType).length,
    errors: (error) =>
      requests.filter((r) => r.error !== undefined && (error === undefined || r.error === error)).length,
    hold: (n) => {
      holding = n
    },
    release: () => {
      holding = 0
      for (const res of held.splice(0)) res.destroy()
    },
    reset: () => {
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held.splice(0)) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
