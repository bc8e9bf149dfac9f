import type { PreparedRequest } from '../models/prepared-request.js'
import type { Response } from '../models/response.js'
import { defaultPort } from '../util/url.js'

/** requests' `get_redirect_target`: the Location of a redirect response, decoded as UTF-8 when sent raw. */
export function getRedirectTarget(response: Response): string | undefined {
  if (!response.isRedirect) return undefined
  const location = response.header('location')
  if (!location) return undefined
  // Servers sometimes send raw UTF-8 bytes, which arrive as latin-1 characters.
  if (/[\x80-\xff]/.test(location) && !/[^\x00-\xff]/.test(location)) {
    const utf8 = Buffer.from(location, 'latin1').toString('utf8')
    if (!utf8.includes('\ufffd')) return utf8
  }
  return location
}

/** requests' `rebuild_method`: 303 (but HEAD) and 302 (but HEAD) become GET, 301 POST becomes GET. */
export function rebuildMethod(prepared: PreparedRequest, response: Response): void {
  const status = response.statusCode
  let method = prepared.method
  if ((status === 303 || status === 302) && method !== 'HEAD') method = 'GET'
  if (status === 301 && method === 'POST') method = 'GET'
  prepared.method = method
}

function portOf(u: URL): string {
  return u.port || defaultPort(u.protocol)
}

/** `scheme://authority` of a serialized absolute URL without credentials, or `undefined` to parse it instead. */
function originOf(url: string): string | undefined {
  const start = url.indexOf('://')
  if (start === -1) return undefined
  const end = url.indexOf('/', start + 3)
  const origin = end === -1 ? url : url.slice(0, end)
  return origin.includes('@') ? undefined : origin
}

/** `new URL(url).hostname` of a serialized absolute URL, read off the string when it carries no credentials. */
export function hostnameOf(url: string): string {
  const origin = originOf(url)
  if (origin === undefined) return new URL(url).hostname
  const host = origin.slice(origin.indexOf('://') + 3)
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':')
  return end <= 0 ? host : host.slice(0, end)
}

/**
 * requests' `should_strip_auth`: drop Authorization when the host changes, the port changes, or the scheme
 * changes — except http -> https on the default ports.
 */
export function shouldStripAuth(oldUrl: string, newUrl: string): boolean {
  // Serialized URLs with the same `scheme://host:port` keep it (most hops): no parsing needed.
  const origin = originOf(oldUrl)
  if (origin !== undefined && origin === originOf(newUrl)) return false
  const o = new URL(oldUrl)
  const n = new URL(newUrl)
  if (o.hostname !== n.hostname) return true
  if (o.protocol === 'http:' && !o.port && n.protocol === 'https:' && !n.port) return false
  const changedScheme = o.protocol !== n.protocol
  if (!changedScheme && !o.port && !n.port) return false
  return changedScheme || portOf(o) !== portOf(n)
}
