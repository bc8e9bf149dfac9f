import { inspect } from 'node:util'
import type { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie'
import { tough } from './tough.js'

/**
 * Attributes for {@link RequestsCookieJar.set}.
 *
 * @example
 * ```ts
 * jar.set('sid', 'abc', { domain: 'example.test', path: '/', secure: true, sameSite: 'lax' })
 * ```
 */
export interface CookieAttributes {
  /** Omit (or `''`) for a cookie sent to every host, as requests does for `jar.set(name, value)`. */
  domain?: string
  /**
   * The path the cookie is sent for. Default `'/'`.
   * @see https://www.rfc-editor.org/rfc/rfc6265#section-5.2.4
   */
  path?: string
  /**
   * When the cookie expires; omitted for a session cookie.
   * @see https://www.rfc-editor.org/rfc/rfc6265#section-5.2.1
   */
  expires?: Date
  /** Seconds, like the `Max-Age` attribute. */
  maxAge?: number
  /**
   * Send it over HTTPS only.
   * @see https://www.rfc-editor.org/rfc/rfc6265#section-5.2.5
   */
  secure?: boolean
  /** The `HttpOnly` attribute (kept and reported; it only matters to browsers). */
  httpOnly?: boolean
  /** The `SameSite` attribute (kept and reported; it only matters to browsers). */
  sameSite?: 'strict' | 'lax' | 'none'
}

/**
 * Filter for the dict-like helpers.
 *
 * @example
 * ```ts
 * jar.get('sid', { domain: 'example.test', path: '/' })
 * ```
 */
export interface CookieFilter {
  /** Only cookies of this domain. */
  domain?: string
  /** Only cookies of this path. */
  path?: string
}

/**
 * Cookies as accepted by the API: a jar, a `{ name: value }` object or `Cookie`s.
 *
 * @example
 * ```ts
 * await s.get(url, { cookies: { theme: 'dark' } })
 * ```
 */
export type CookiesInput =
  | RequestsCookieJar
  | Readonly<Record<string, string | null | undefined>>
  | Iterable<Cookie>

/**
 * How a request relates to the site that led to it, for SameSite (RFC 6265bis).
 *
 * @example
 * ```ts
 * jar.cookieHeader('https://example.test/', 'lax')
 * ```
 */
export type SameSiteContext = 'strict' | 'lax' | 'none'

const JAR_OPTIONS = { allowSpecialUseDomain: true, rejectPublicSuffixes: true, looseMode: true } as const

/**
 * A cookie jar with a dict-like interface (requests' `RequestsCookieJar`), backed by tough-cookie: domain,
 * path, expiry, Secure, HttpOnly and SameSite rules, and public suffixes rejected as cookie domains.
 *
 * Cookies set without a domain (`jar.set('k', 'v')`, or a `cookies: { k: 'v' }` option) are sent to every
 * host, like requests.
 *
 * @example
 * ```ts
 * const jar = new RequestsCookieJar({ theme: 'dark' })
 * jar.set('sid', 'abc', { domain: 'example.test', path: '/app', secure: true })
 * jar.get('theme')          // 'dark'
 * jar.getDict()             // { theme: 'dark', sid: 'abc' }
 * ```
 */
export class RequestsCookieJar implements Iterable<Cookie> {
  /** tough-cookie's store and jar, built when the first domain cookie arrives (most jars never hold one). */
  #store: MemoryCookieStore | undefined
  #jar: CookieJar | undefined
  /** Domain-less cookies, keyed by `path \0 name`; built with the first one (most jars never hold one). */
  #any: Map<string, Cookie> | undefined
  /** False until a domain cookie is stored: an empty jar skips tough-cookie's lookup entirely. */
  #hasDomainCookies = false

  constructor(init?: CookiesInput | null) {
    if (init) this.update(init)
  }

  /** The underlying tough-cookie jar (domain cookies only). */
  get toughJar(): CookieJar {
    // Handed out: whatever the caller stores there must be seen, so the jar no longer counts as empty.
    this.#hasDomainCookies = true
    return this.#tough()
  }

  #tough(): CookieJar {
    if (this.#jar === undefined) {
      const { CookieJar, MemoryCookieStore } = tough()
      this.#store = new MemoryCookieStore()
      this.#jar = new CookieJar(this.#store, JAR_OPTIONS)
    }
    return this.#jar
  }

  /** @internal Whether the jar may hold a cookie (false: certainly empty), without listing them. */
  mayHoldCookies(): boolean {
    return this.#hasDomainCookies || (this.#any !== undefined && this.#any.size > 0)
  }

  /** Number of cookies. */
  get size(): number {
    return this.all().length
  }

  /** Every cookie, domain-less ones first. */
  all(): Cookie[] {
    let found: Cookie[] = []
    const now = Date.now()
    const any = this.#any === undefined ? [] : [...this.#any.values()]
    if (!this.#hasDomainCookies) return any.filter((c) => !isExpired(c, now))
    // MemoryCookieStore calls back synchronously (it is a `synchronous` store).
    this.#store?.getAllCookies((_e, cookies) => {
      found = cookies ?? []
    })
    return [...any, ...found].filter((c) => !isExpired(c, now))
  }

  /** The unexpired cookies, as `tough-cookie` `Cookie` objects. */
  [Symbol.iterator](): Iterator<Cookie> {
    return this.all()[Symbol.iterator]()
  }

  /** The value of the first cookie named `name` matching the filter, or `undefined`. */
  get(name: string, filter: CookieFilter = {}): string | undefined {
    return this.find(name, filter)?.value
  }

  /** The first cookie named `name` matching the filter. */
  find(name: string, filter: CookieFilter = {}): Cookie | undefined {
    return this.all().find((c) => c.key === name && matches(c, filter))
  }

  /** Whether a cookie named `name` matches the filter (requests' `name in jar`). */
  has(name: string, filter: CookieFilter = {}): boolean {
    return this.find(name, filter) !== undefined
  }

  /** Set a cookie; a `null` value removes it (requests' `jar.set(name, None)`). */
  set(name: string, value: string | null, attributes: CookieAttributes = {}): Cookie | undefined {
    if (value === null) {
      this.delete(name, attributes)
      return undefined
    }
    const cookie = new (tough().Cookie)({
      key: name,
      value,
      path: attributes.path ?? '/',
      secure: attributes.secure ?? false,
      httpOnly: attributes.httpOnly ?? false,
      sameSite: attributes.sameSite ?? 'none',
      expires: attributes.expires ?? 'Infinity',
      maxAge: attributes.maxAge ?? null,
    })
    if (attributes.maxAge !== undefined) cookie.creation = new Date()
    return this.setCookie(cookie, attributes.domain)
  }

  /** Store a tough-cookie `Cookie` as is (no public-suffix or origin checks: the caller vouches for it). */
  setCookie(cookie: Cookie, domain: string | null | undefined = cookie.domain): Cookie {
    const d = domain?.replace(/^\./, '').toLowerCase()
    if (!d) {
      cookie.domain = null
      this.#any ??= new Map()
      this.#any.set(`${cookie.path ?? '/'}\0${cookie.key}`, cookie)
      return cookie
    }
    cookie.domain = d
    cookie.hostOnly = cookie.hostOnly ?? false
    this.#tough()
    this.#hasDomainCookies = true
    this.#store!.putCookie(cookie, () => {})
    return cookie
  }

  /** Remove cookies named `name` (matching the filter); returns how many were removed. */
  delete(name: string, filter: CookieFilter = {}): number {
    return this.clear({ ...filter, name })
  }

  /** Remove cookies matching the filter (all of them without a filter); returns how many were removed. */
  clear(filter: CookieFilter & { name?: string } = {}): number {
    let n = 0
    for (const c of this.all()) {
      if ((filter.name !== undefined && c.key !== filter.name) || !matches(c, filter)) continue
      n++
      if (c.domain) this.#store?.removeCookie(c.domain, c.path ?? '/', c.key, () => {})
      else this.#any?.delete(`${c.path ?? '/'}\0${c.key}`)
    }
    return n
  }

  /** Names of the cookies. */
  keys(): string[] {
    return this.all().map((c) => c.key)
  }

  /**
   * The values of the cookies (requests' `values()`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.cookies.RequestsCookieJar
   */
  values(): string[] {
    return this.all().map((c) => c.value)
  }

  /** `[name, value]` pairs (requests' `items()`). */
  entries(): Array<[string, string]> {
    return this.all().map((c) => [c.key, c.value])
  }

  /** Distinct domains (`''` for domain-less cookies). */
  listDomains(): string[] {
    return [...new Set(this.all().map((c) => c.domain ?? ''))]
  }

  /**
   * The distinct paths of the cookies (requests' `list_paths()`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.cookies.RequestsCookieJar
   */
  listPaths(): string[] {
    return [...new Set(this.all().map((c) => c.path ?? '/'))]
  }

  /**
   * Whether the cookies come from more than one domain (requests' `multiple_domains()`).
   * @see https://requests.readthedocs.io/en/latest/api/#requests.cookies.RequestsCookieJar
   */
  multipleDomains(): boolean {
    return this.listDomains().length > 1
  }

  /** `{ name: value }` of the cookies matching the filter (requests' `get_dict`). */
  getDict(filter: CookieFilter = {}): Record<string, string> {
    const out: Record<string, string> = {}
    for (const c of this.all()) if (matches(c, filter)) out[c.key] = c.value
    return out
  }

  /** `{ name: value }` of every cookie (`JSON.stringify(jar)`): values included, so keep it out of logs. */
  toJSON(): Record<string, string> {
    return this.getDict()
  }

  /** Merge cookies from another jar, an object or `Cookie`s (later wins). */
  update(other: CookiesInput): this {
    // An empty jar (most sessions' on most requests, and every redirect hop copies one) adds nothing.
    if (other instanceof RequestsCookieJar && !other.mayHoldCookies()) return this
    if (other instanceof RequestsCookieJar || Symbol.iterator in Object(other)) {
      for (const c of other as Iterable<Cookie>) this.setCookie(c.clone() ?? c)
      return this
    }
    for (const [k, v] of Object.entries(other as Record<string, string | null | undefined>)) {
      if (v !== undefined) this.set(k, v)
    }
    return this
  }

  /** An independent copy (requests' `copy()`). */
  copy(): RequestsCookieJar {
    return new RequestsCookieJar(this)
  }

  /**
   * Store the `Set-Cookie` values received from `url` (RFC 6265 checks: domain-match, public suffixes,
   * `__Secure-`/`__Host-` prefixes). Rejected cookies are ignored, as browsers do. Returns those stored.
   */
  extractCookies(setCookie: readonly string[], url: string): Cookie[] {
    const stored: Cookie[] = []
    for (const header of setCookie) {
      const c = this.#tough().setCookieSync(header, url, { ignoreError: true })
      if (c) {
        stored.push(c)
        this.#hasDomainCookies = true
      }
    }
    return stored
  }

  /** The `Cookie` header value for `url` (`''` when none apply). */
  cookieHeader(url: string, sameSiteContext?: SameSiteContext): string {
    if (!this.mayHoldCookies()) return ''
    const u = new URL(url)
    const opts = sameSiteContext ? { sameSiteContext, sort: true } : { sort: true }
    const cookies = this.#hasDomainCookies ? this.#tough().getCookiesSync(u, opts) : []
    if (this.#any === undefined || this.#any.size === 0)
      return cookies.map((c) => c.cookieString()).join('; ')
    const now = Date.now()
    const secure = u.protocol === 'https:'
    // A domain-less cookie is sent next to a domain cookie of the same name, after it, longest path first
    // (requests: `x=jar; x=req` for a server-set `x` plus a per-request `x`; cookielib sorts by path length).
    const before = cookies.length
    for (const c of this.#any.values()) {
      if (isExpired(c, now) || (c.secure && !secure)) continue
      if (!u.pathname.startsWith(c.path ?? '/')) continue
      cookies.push(c)
    }
    if (cookies.length > before && cookies.length > 1) cookies.sort((a, b) => pathLength(b) - pathLength(a))
    return cookies.map((c) => c.cookieString()).join('; ')
  }

  /** `<RequestsCookieJar[<Cookie name=[redacted] for domain/path>, …]>`: values stay out of logs. */
  [inspect.custom](): string {
    return `<RequestsCookieJar[${this.all()
      .map((c) => `<Cookie ${c.key}=[redacted] for ${c.domain ?? ''}${c.path ?? '/'}>`)
      .join(', ')}]>`
  }
}

function matches(c: Cookie, filter: CookieFilter): boolean {
  if (filter.domain !== undefined && (c.domain ?? '') !== filter.domain.replace(/^\./, '')) return false
  return filter.path === undefined || (c.path ?? '/') === filter.path
}

function isExpired(c: Cookie, now: number): boolean {
  const t = c.expiryTime()
  return t !== undefined && t !== Number.POSITIVE_INFINITY && t <= now
}

function pathLength(c: Cookie): number {
  return (c.path ?? '/').length
}
