import { inspect } from 'node:util'
import { LocationParseError } from './errors/location-parse-error.js'

// Controls (and DEL) are rejected rather than silently stripped: WHATWG URL parsing drops tabs and newlines,
// which would turn `/a\r\nHost: evil` into a different, valid request.
const CONTROL = /[\x00-\x1f\x7f]/

/**
 * A parsed URL, like urllib3's `Url` named tuple. `auth` is `user:password` (decoded); it is shown as
 * `[redacted]` by `util.inspect` and left out of `toString()`.
 *
 * @example
 * ```ts
 * const u = parseUrl('https://user:pw@example.test:8443/a/b?x=1#top')
 * u.scheme // 'https'
 * u.port // 8443
 * u.requestUri // '/a/b?x=1'
 * ```
 */
export class Url {
  readonly scheme: string | undefined
  readonly auth: string | undefined
  readonly host: string | undefined
  readonly port: number | undefined
  readonly path: string | undefined
  readonly query: string | undefined
  readonly fragment: string | undefined

  constructor(
    parts: Partial<Pick<Url, 'scheme' | 'auth' | 'host' | 'port' | 'path' | 'query' | 'fragment'>>,
  ) {
    this.scheme = parts.scheme
    this.auth = parts.auth
    this.host = parts.host
    this.port = parts.port
    this.path = parts.path
    this.query = parts.query
    this.fragment = parts.fragment
  }

  /** The host without IPv6 brackets. */
  get hostname(): string | undefined {
    return this.host?.replace(/^\[(.*)\]$/, '$1')
  }

  /** Path and query, what goes on the request line. */
  get requestUri(): string {
    return (this.path || '/') + (this.query !== undefined ? `?${this.query}` : '')
  }

  /** `host[:port]`. */
  get netloc(): string | undefined {
    if (this.host === undefined) return undefined
    return this.port === undefined ? this.host : `${this.host}:${this.port}`
  }

  /** The full URL, credentials included (urllib3's `Url.url`). Never log it. */
  get url(): string {
    let out = this.scheme !== undefined ? `${this.scheme}://` : ''
    if (this.auth !== undefined) out += `${encodeAuth(this.auth)}@`
    return out + this.#rest()
  }

  #rest(): string {
    let out = this.netloc ?? ''
    if (this.path !== undefined) out += this.path
    if (this.query !== undefined) out += `?${this.query}`
    if (this.fragment !== undefined) out += `#${this.fragment}`
    return out
  }

  /** The URL without credentials. */
  toString(): string {
    return (this.scheme !== undefined ? `${this.scheme}://` : '') + this.#rest()
  }

  [inspect.custom](): string {
    const auth = this.auth === undefined ? '' : '[redacted]@'
    return `Url(${this.scheme !== undefined ? `${this.scheme}://` : ''}${auth}${this.#rest()})`
  }
}

function encodeAuth(auth: string): string {
  const i = auth.indexOf(':')
  if (i === -1) return encodeURIComponent(auth)
  return `${encodeURIComponent(auth.slice(0, i))}:${encodeURIComponent(auth.slice(i + 1))}`
}

/**
 * Parses `url` like urllib3's `parse_url` (a missing scheme is allowed and left `undefined`). Throws
 * `LocationParseError` on malformed input or control characters; the message never contains credentials.
 *
 * @example
 * ```ts
 * parseUrl('example.test/path').host // 'example.test'
 * ```
 */
export function parseUrl(url: string): Url {
  if (typeof url !== 'string') throw new LocationParseError('URL must be a string')
  if (CONTROL.test(url)) throw new LocationParseError('URL contains control characters')
  const hasScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)
  let parsed: URL
  try {
    parsed = new URL(hasScheme ? url : `http://${url.startsWith('//') ? url.slice(2) : url}`)
  } catch (cause) {
    throw new LocationParseError(`Failed to parse: ${redactRaw(url)}`, { cause })
  }
  const auth =
    parsed.username || parsed.password
      ? `${decodeURIComponent(parsed.username)}${parsed.password ? `:${decodeURIComponent(parsed.password)}` : ''}`
      : undefined
  const afterScheme = hasScheme ? url.slice(url.indexOf('//') + 2) : url.replace(/^\/\//, '')
  const boundary = afterScheme.search(/[/?#]/)
  const hasPath = boundary !== -1 && afterScheme[boundary] === '/'
  return new Url({
    scheme: hasScheme ? parsed.protocol.slice(0, -1) : undefined,
    auth,
    host: parsed.host === '' ? undefined : parsed.hostname,
    port: parsed.port === '' ? undefined : Number(parsed.port),
    path: hasPath ? parsed.pathname : undefined,
    query: parsed.search === '' ? (url.includes('?') ? '' : undefined) : parsed.search.slice(1),
    fragment: parsed.hash === '' ? undefined : parsed.hash.slice(1),
  })
}

// `scheme://` then userinfo up to the *last* '@' before the path (a raw '@' in a password must not leave
// part of it behind).
const USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#]*@/

/** For error messages: `user:password@` shown as `[redacted]@`, no query string or fragment. */
export function redactRaw(url: string): string {
  return url.replace(USERINFO, '$1[redacted]@').replace(/[?#][\s\S]*$/, '')
}

/**
 * `scheme://host[:port]/path` of a URL string: no credentials, query string or fragment. What error messages
 * show (a query string often carries tokens: `?access_token=`, `?code=`, signed URLs).
 */
export function urlLabel(url: string): string {
  return url.replace(USERINFO, '$1').replace(/[?#][\s\S]*$/, '')
}

/** {@link urlLabel} of a parsed URL. */
export function labelOf(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}

function redactParams(params: string): string {
  if (params === '') return params
  return params
    .split('&')
    .map((pair) => {
      const i = pair.indexOf('=')
      return i === -1 ? pair : `${pair.slice(0, i)}=[REDACTED]`
    })
    .join('&')
}

/**
 * For diagnostics events: the URL (absolute or relative) without credentials, every query (and fragment)
 * parameter value replaced by `[REDACTED]`, names kept: `http://h/cb?code=[REDACTED]&state=[REDACTED]`.
 */
export function redactQuery(url: string): string {
  const clean = url.replace(USERINFO, '$1')
  const q = clean.search(/[?#]/)
  if (q === -1) return clean
  const hash = clean.indexOf('#', q)
  const query = hash === -1 ? clean.slice(q + 1) : clean.slice(q + 1, hash)
  let out = clean.slice(0, q)
  if (clean[q] === '?') out += `?${redactParams(query)}`
  if (hash !== -1) out += `#${redactParams(clean.slice(hash + 1))}`
  return out
}

/** The URL string without credentials. */
export function redactUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href
  const copy = new URL(url.href)
  copy.username = ''
  copy.password = ''
  return copy.href
}

/** Parses an absolute http(s) URL for a request; throws `LocationParseError`. */
export function parseRequestUrl(url: string): URL {
  if (typeof url !== 'string') throw new LocationParseError('URL must be a string')
  if (CONTROL.test(url)) throw new LocationParseError('URL contains control characters')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new LocationParseError(`Failed to parse: ${redactRaw(url)}`, { cause })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LocationParseError(
      `Unsupported scheme ${JSON.stringify(parsed.protocol.slice(0, -1))}: ${labelOf(parsed)}`,
    )
  }
  if (parsed.hostname === '') throw new LocationParseError(`No host specified: ${labelOf(parsed)}`)
  return parsed
}
