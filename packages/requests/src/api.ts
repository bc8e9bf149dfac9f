import { HTTPAdapter } from './adapters/http-adapter.js'
import { URLRequired } from './errors/url-required.js'
import type { Response } from './models/response.js'
import type { RequestOptions } from './session/options.js'
import { type Environment, processEnvironment, refreshProcessEnvironment } from './session/environment.js'
import { Session } from './session/session.js'

/** The connection pools of the module-level functions: one per process, built on the first call. */
let shared: HTTPAdapter | undefined

/**
 * The session of one module-level call: its own cookies and settings, the process-wide adapter, and the
 * environment read once per event-loop turn for all calls (see {@link processEnvironment}).
 */
class CallSession extends Session {
  override get environment(): Environment | undefined {
    return this.trustEnv ? processEnvironment() : undefined
  }

  override refreshEnvironment(): void {
    refreshProcessEnvironment()
    super.refreshEnvironment()
  }

  override getAdapter(url: string): HTTPAdapter {
    // http(s) only, as the default mounts; anything else gets the session's InvalidSchema.
    if (!/^https?:\/\//i.test(url)) return super.getAdapter(url)
    shared ??= new HTTPAdapter()
    return shared
  }
}

/**
 * Send a request (requests' `requests.request`). As in requests, each call uses a fresh {@link Session}: no
 * cookies, auth or other state carry over from one call to the next. Unlike requests, whose per-call session
 * closes its connections, every call borrows one process-wide {@link HTTPAdapter} (built on the first call,
 * with its defaults), so calls to the same origin reuse keep-alive connections. Idle connections do not keep
 * the process alive, so nothing has to be closed before exit.
 *
 * @example
 * ```ts
 * const r = await requests.request('GET', 'http://127.0.0.1:8080/get', { params: { q: 'x' } })
 * ```
 * @see https://requests.readthedocs.io/en/latest/api/#requests.request
 */
export function request(method: string, url: string | URL, options?: RequestOptions): Promise<Response> {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    return Promise.reject(new URLRequired('A URL is required to make a request'))
  }
  return new CallSession().request(method, url, options)
}

/**
 * GET `url` (requests' `requests.get`).
 *
 * @example
 * ```ts
 * const r = await requests.get('http://127.0.0.1:8080/get')
 * r // <Response [200]>
 * ```
 * @see https://requests.readthedocs.io/en/latest/api/#requests.get
 */
export function get(url: string | URL, options?: RequestOptions): Promise<Response> {
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
 * @see https://requests.readthedocs.io/en/latest/api/#requests.options
 */
export function options(url: string | URL, opts?: RequestOptions): Promise<Response> {
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
 * @see https://requests.readthedocs.io/en/latest/api/#requests.head
 */
export function head(url: string | URL, opts?: RequestOptions): Promise<Response> {
  return request('HEAD', url, { allowRedirects: false, ...opts })
}

/**
 * POST to `url` (`data`, `json` or `files`).
 *
 * @example
 * ```ts
 * const r = await requests.post(`${url}/post`, { json: { name: 'x' } })
 * ```
 * @see https://requests.readthedocs.io/en/latest/api/#requests.post
 */
export function post(url: string | URL, opts?: RequestOptions): Promise<Response> {
  return request('POST', url, opts)
}

/**
 * PUT to `url`.
 *
 * @example
 * ```ts
 * await requests.put(`${url}/put`, { data: 'text' })
 * ```
 * @see https://requests.readthedocs.io/en/latest/api/#requests.put
 */
export function put(url: string | URL, opts?: RequestOptions): Promise<Response> {
  return request('PUT', url, opts)
}

/**
 * PATCH `url`.
 *
 * @example
 * ```ts
 * await requests.patch(`${url}/patch`, { json: { op: 'x' } })
 * ```
 * @see https://requests.readthedocs.io/en/latest/api/#requests.patch
 */
export function patch(url: string | URL, opts?: RequestOptions): Promise<Response> {
  return request('PATCH', url, opts)
}

/**
 * DELETE `url` (exported as `delete`).
 *
 * @example
 * ```ts
 * await requests.delete(`${url}/delete`)
 * ```
 * @see https://requests.readthedocs.io/en/latest/api/#requests.delete
 */
export function del(url: string | URL, opts?: RequestOptions): Promise<Response> {
  return request('DELETE', url, opts)
}
