import { inspect } from 'node:util'
import { BoundedCache } from './bounded-cache.js'
import { LocationParseError } from './errors/location-parse-error.js'
import { redactUrl } from './redact.js'

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
  /**
   * The scheme without `:` (`'https'`), or `undefined` when the input had none.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Url
   */
  readonly scheme: string | undefined
  /** `user:password`, percent-decoded; never logged (`util.inspect` shows `[redacted]`). */
  readonly auth: string | undefined
  /** The host, IPv6 addresses in brackets. */
  readonly host: string | undefined
  /** The port, when the URL names one. */
  readonly port: number | undefined
  /** The path, e.g. `'/a/b'`. */
  readonly path: string | undefined
  /** The query string without `?`. */
  readonly query: string | undefined
  /** The fragment without `#`. */
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

  /** `Url(…)` with credentials shown as `[redacted]`. */
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
    throw new LocationParseError(`Failed to parse: ${redactUrl(url)}`, { cause })
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

/** The URL string without credentials (internal state; shown only through {@link redactUrl}). */
export function withoutCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.href
  const copy = new URL(url.href)
  copy.username = ''
  copy.password = ''
  return copy.href
}

/**
 * Request URLs parsed before: clients call the same URLs again (and every redirect hop of a chain), and the WHATWG
 * parse is the dearest step of a request's preparation. URLs with credentials are never kept. The URL objects are
 * shared: nothing in this package changes a request's target URL (copies are made where one is edited). At
 * most 512, so that a stream of distinct URLs (a crawler) cannot grow it without end.
 */
const parsedUrls = new BoundedCache<string, URL>(512)

/**
 * Parses an absolute http(s) URL for a request; throws `LocationParseError`. The result may be shared with other
 * requests for the same string: read it, never change it.
 */
export function parseRequestUrl(url: string): URL {
  const hit = parsedUrls.get(url)
  if (hit !== undefined) return hit
  if (typeof url !== 'string') throw new LocationParseError('URL must be a string')
  if (CONTROL.test(url)) throw new LocationParseError('URL contains control characters')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new LocationParseError(`Failed to parse: ${redactUrl(url)}`, { cause })
  }
  checkRequestUrl(parsed)
  if (parsed.username === '' && parsed.password === '') parsedUrls.set(url, parsed)
  return parsed
}

/**
 * Redirect targets resolved before, by base URL, then by `Location`: a client follows the same redirects again and
 * again. Two levels, so that a lookup hashes the two strings as they are (the base's `href` once per URL object)
 * instead of a new concatenation of both. Same rules as {@link parseRequestUrl}'s cache (shared, never changed,
 * nothing with credentials): at most 512 bases, and 16 locations per base.
 */
const resolvedUrls = new BoundedCache<string, BoundedCache<string, URL>>(512)

/**
 * `location` resolved against `base` and checked like {@link parseRequestUrl}; throws `LocationParseError`. The
 * result may be shared: read it, never change it.
 */
export function resolveRequestUrl(location: string, base: URL): URL {
  const cacheable = base.username === '' && base.password === '' && !location.includes('@')
  const known = cacheable ? resolvedUrls.get(base.href) : undefined
  const hit = known?.get(location)
  if (hit !== undefined) return hit
  let target: URL
  try {
    // Parsed once: the serialized result holds no control characters (the parser strips or escapes them).
    target = checkRequestUrl(new URL(location, base))
  } catch (cause) {
    throw cause instanceof LocationParseError
      ? cause
      : new LocationParseError('Invalid redirect location', { cause })
  }
  if (cacheable && target.username === '' && target.password === '') {
    if (known !== undefined) known.set(location, target)
    else resolvedUrls.set(base.href, new BoundedCache<string, URL>(16).set(location, target))
  }
  return target
}

/** What every request reads off its parsed URL, kept per URL object: the getters of `URL` build new strings. */
interface UrlParts {
  readonly origin: string
  /** `pathname + search`: the request target sent on the wire. */
  readonly path: string
  /** {@link redactUrl} of the URL, built on first need (messages, events). */
  label: string | undefined
}

/** The parts of each parsed URL in use (parsed URLs are shared, see parseRequestUrl). */
const parts = new WeakMap<URL, UrlParts>()

function partsOf(target: URL): UrlParts {
  let found = parts.get(target)
  if (found === undefined) {
    found = { origin: target.origin, path: target.pathname + target.search, label: undefined }
    parts.set(target, found)
  }
  return found
}

/** `target.origin`, computed once per URL object. */
export function originOf(target: URL): string {
  return partsOf(target).origin
}

/** `target.pathname + target.search` (the request target), computed once per URL object. */
export function pathOf(target: URL): string {
  return partsOf(target).path
}

/** {@link redactUrl} of a parsed URL, computed once per URL object. */
export function labelOf(target: URL): string {
  const found = partsOf(target)
  found.label ??= redactUrl(target)
  return found.label
}

/** The checks of {@link parseRequestUrl} on a parsed URL (http or https, with a host); returns it. */
export function checkRequestUrl(parsed: URL): URL {
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LocationParseError(
      `Unsupported scheme ${JSON.stringify(parsed.protocol.slice(0, -1))}: ${redactUrl(parsed)}`,
    )
  }
  if (parsed.hostname === '') throw new LocationParseError(`No host specified: ${redactUrl(parsed)}`)
  return parsed
}
