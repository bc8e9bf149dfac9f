import { URLRequired } from './errors/url-required.js'
import { onResponseDone, type Response } from './models/response.js'
import type { RequestOptions } from './session/options.js'
import { Session } from './session/session.js'

/**
 * Send a request with a short-lived {@link Session} that is closed afterwards (requests' `requests.request`).
 * With `stream: true` the session closes once the body has been read or the response closed.
 *
 * @example
 * ```ts
 * const r = await requests.request('GET', 'http://127.0.0.1:8080/get', { params: { q: 'x' } })
 * ```
 */
export async function request(method: string, url: string, options: RequestOptions = {}): Promise<Response> {
  if (typeof url !== 'string') throw new URLRequired('A URL is required to make a request')
  const session = new Session()
  let response: Response
  try {
    response = await session.request(method, url, options)
  } catch (error) {
    await session.close()
    throw error
  }
  if (options.stream) onResponseDone(response, () => void session.close())
  else await session.close()
  return response
}

/**
 * GET `url` (requests' `requests.get`).
 *
 * @example
 * ```ts
 * const r = await requests.get('http://127.0.0.1:8080/get')
 * r // <Response [200]>
 * ```
 */
export function get(url: string, options?: RequestOptions): Promise<Response> {
  return request('GET', url, options)
}

/**
 * OPTIONS `url`.
 *
 * @example
 * ```ts
 * const r = await requests.options(url)
 * r.headers.get('allow')
 * ```
 */
export function options(url: string, opts?: RequestOptions): Promise<Response> {
  return request('OPTIONS', url, opts)
}

/**
 * HEAD `url` (redirects are not followed unless `allowRedirects: true`).
 *
 * @example
 * ```ts
 * const r = await requests.head(url)
 * r.headers.get('content-length')
 * ```
 */
export function head(url: string, opts?: RequestOptions): Promise<Response> {
  return request('HEAD', url, { allowRedirects: false, ...opts })
}

/**
 * POST to `url` (`data`, `json` or `files`).
 *
 * @example
 * ```ts
 * const r = await requests.post(`${url}/post`, { json: { name: 'x' } })
 * ```
 */
export function post(url: string, opts?: RequestOptions): Promise<Response> {
  return request('POST', url, opts)
}

/**
 * PUT to `url`.
 *
 * @example
 * ```ts
 * await requests.put(`${url}/put`, { data: 'text' })
 * ```
 */
export function put(url: string, opts?: RequestOptions): Promise<Response> {
  return request('PUT', url, opts)
}

/**
 * PATCH `url`.
 *
 * @example
 * ```ts
 * await requests.patch(`${url}/patch`, { json: { op: 'x' } })
 * ```
 */
export function patch(url: string, opts?: RequestOptions): Promise<Response> {
  return request('PATCH', url, opts)
}

/**
 * DELETE `url` (exported as `delete`).
 *
 * @example
 * ```ts
 * await requests.delete(`${url}/delete`)
 * ```
 */
export function del(url: string, opts?: RequestOptions): Promise<Response> {
  return request('DELETE', url, opts)
}
