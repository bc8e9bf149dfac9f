import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest, type RequestOptions } from 'node:https'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
}

/** A node:http(s) request that returns the body undecoded (fetch would decompress it). */
export function get(
  url: string,
  options: RequestOptions & { body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { body, ...rest } = options
  return new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest
    const req = send(url, { agent: false, ...rest }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** fetch without following redirects. */
export function fetchManual(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init })
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON documents
export type Json = any

/** The response body parsed as JSON, typed loosely for assertions. */
export function json(res: Response): Promise<Json> {
  return res.json() as Promise<Json>
}
