import { RequestsCookieJar, type SameSiteContext } from '../cookies/cookie-jar.js'
import { tough } from '../cookies/tough.js'
import { InvalidSchema } from '../errors/invalid-schema.js'
import { InvalidURL } from '../errors/invalid-url.js'
import { TooManyRedirects } from '../errors/too-many-redirects.js'
import type { PreparedRequest } from '../models/prepared-request.js'
import type { Response } from '../models/response.js'
import { netrcAuth } from '../auth/netrc.js'
import type { Environment } from './environment.js'
import { BoundedCache, redactUrl, redactUrlError } from '@x/pool'
import { assertNoControlChars } from '../util/url.js'
import type { SendOptions } from './options.js'
import { traceRedirect, tracing } from '../tracing.js'
import { getRedirectTarget, hostnameOf, rebuildMethod, shouldStripAuth } from './redirects.js'

/** What the redirect loop needs from the session. */
export interface RedirectHost {
  maxRedirects: number
  readonly environment: Environment | undefined
  cookies: RequestsCookieJar
  /** `send` for a hop of a chain whose first request was sent (and its options checked) by `send`. */
  sendHop(request: PreparedRequest, options: SendOptions): Promise<Response>
}

/** Headers describing a body, dropped with it when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-length', 'content-type', 'transfer-encoding'] as const

/** The response that started the redirect chain. */
function first(response: Response): Response {
  return response.history[0] ?? response
}

function site(host: string): string {
  try {
    return tough().getPublicSuffix(host) ?? host
  } catch {
    return host // localhost, IP addresses
  }
}

/**
 * RFC 6265bis SameSite for a redirect hop: the chain started on one site; a hop to another site is a cross-site
 * navigation, so SameSite=Strict cookies stay home, and Lax ones only travel with GET/HEAD.
 */
function sameSiteContext(
  initiator: string,
  target: RedirectTarget,
  method: string,
): SameSiteContext | undefined {
  // One host is one site: the public-suffix lookup is only needed when the hop changes host.
  const from = hostnameOf(initiator)
  if (from === target.hostname || site(from) === site(target.hostname)) return undefined
  return method === 'GET' || method === 'HEAD' ? 'lax' : 'none'
}

/** A redirect target: the URL to send to and its host name. */
interface RedirectTarget {
  readonly href: string
  readonly hostname: string
}

/**
 * Redirect targets resolved before, by response URL, then by Location (and the fragment carried over): a client
 * follows the same redirects again and again, and the WHATWG parse is the dearest step of a hop. Two levels, so
 * that a lookup hashes strings already hashed rather than a new concatenation. Locations with credentials are not
 * kept. At most 512 response URLs and 16 Locations each, so that a stream of distinct redirects cannot grow it
 * without end.
 */
const nextUrls = new BoundedCache<string, BoundedCache<string, RedirectTarget>>(512)

/** Resolve `location` against the response URL (requests' handling of `//host` and relative targets). */
function nextUrl(location: string, response: Response, previousFragment: string): RedirectTarget {
  // The common keys are strings already hashed (the response URL, a Location without fragment to carry).
  const key = previousFragment === '' ? location : `${previousFragment}\n${location}`
  const known = nextUrls.get(response.url)
  const hit = known?.get(key)
  if (hit !== undefined) return hit
  const target = parseNextUrl(location, response, previousFragment)
  const out = { href: target.href, hostname: target.hostname }
  if (!location.includes('@') && !response.url.includes('@')) {
    if (known !== undefined) known.set(key, out)
    else nextUrls.set(response.url, new BoundedCache<string, RedirectTarget>(16).set(key, out))
  }
  return out
}

function parseNextUrl(location: string, response: Response, previousFragment: string): URL {
  assertNoControlChars(location, 'redirect location', { response })
  let target: URL
  try {
    target = new URL(location, response.url)
  } catch (cause) {
    throw new InvalidURL(`Invalid redirect location '${redactUrl(location)}'`, {
      cause: redactUrlError(cause),
      response,
    })
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new InvalidSchema(`Refusing to follow a redirect to a non-HTTP URL (${target.protocol})`, {
      response,
    })
  }
  if (!target.hash && previousFragment) target.hash = previousFragment
  // A URL setter serializes the whole URL again: only when there are credentials to drop.
  if (target.username !== '') target.username = ''
  if (target.password !== '') target.password = ''
  return target
}

/** `new URL(url).hash` of a URL a request was prepared with (serialized, so `#` only starts the fragment). */
function fragmentOf(url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 || hash === url.length - 1 ? '' : url.slice(hash)
}

/**
 * Build the request for the next hop (requests' body of `resolve_redirects`, before sending). Synchronous unless a
 * `.netrc` entry has to be applied; throws rather than rejects.
 */
export function prepareRedirect(
  host: RedirectHost,
  response: Response,
  request: PreparedRequest,
  location: string,
): PreparedRequest | Promise<PreparedRequest> {
  const prepared = request.copy()
  if (tracing()) traceRedirect(request, prepared)
  const target = nextUrl(location, response, fragmentOf(request.url))
  prepared.url = target.href
  rebuildMethod(prepared, response)
  const status = response.statusCode
  if (status !== 307 && status !== 308) {
    for (const h of BODY_HEADERS) prepared.headers.delete(h)
    prepared.body = null
  }
  prepared.headers.delete('cookie')
  const jar = prepared.cookieJar ?? new RequestsCookieJar()
  const setCookie = response.raw?.headers.getAll('set-cookie') ?? []
  if (setCookie.length) jar.extractCookies(setCookie, response.url)
  jar.update(host.cookies)
  // The SameSite context only matters to a jar with cookies in it (most hops carry none).
  const context = jar.mayHoldCookies()
    ? sameSiteContext(first(response).request.url, target, prepared.method)
    : undefined
  prepared.prepareCookies(jar, context)
  // Proxy-Authorization is rebuilt per hop from the proxy URL by the adapter (requests' rebuild_proxies).
  prepared.headers.delete('proxy-authorization')
  // requests' rebuild_auth: on another origin the header goes, and so does the auth's response handling (a
  // Digest auth must not answer the foreign host's challenge with a password-derived hash).
  if (carriesAuth(prepared) && shouldStripAuth(response.request.url, prepared.url)) prepared.stripAuth()
  if (host.environment) {
    const netrc = netrcAuth(host.environment.netrc, prepared.url)
    if (netrc) return withNetrc(prepared, netrc)
  }
  return rewound(prepared)
}

/** The hop with its `.netrc` credentials (own function: a closure in prepareRedirect costs every hop a context). */
async function withNetrc(
  prepared: PreparedRequest,
  netrc: Parameters<PreparedRequest['prepareAuth']>[0],
): Promise<PreparedRequest> {
  await prepared.prepareAuth(netrc)
  return rewound(prepared)
}

/** Whether there is anything for `stripAuth` to remove: an Authorization header, an auth's response handling. */
function carriesAuth(prepared: PreparedRequest): boolean {
  return (
    prepared.headers.has('authorization') ||
    prepared.responseAuth !== undefined ||
    prepared.hooks.response.length > 0
  )
}

function rewound(prepared: PreparedRequest): PreparedRequest {
  if (prepared.body !== null && prepared.body !== undefined) prepared.rewindBody()
  return prepared
}

/**
 * requests' `resolve_redirects`: follow Location up to `maxRedirects` hops, returning every response in order
 * (the first one included). Bodies of intermediate responses are drained so connections are reused.
 */
export async function resolveRedirects(
  host: RedirectHost,
  first: Response,
  options: SendOptions,
): Promise<Response[]> {
  const all = [first]
  let response = first
  let location = getRedirectTarget(response)
  const hopOptions = { ...options, allowRedirects: false }
  while (location !== undefined) {
    if (all.length > host.maxRedirects) {
      response.close()
      throw new TooManyRedirects(`Exceeded ${host.maxRedirects} redirects.`, { response })
    }
    // A hop's response already carries its next request: `send` with `allowRedirects: false` built it from this
    // same response (requests' `_next`). Only the first response of the chain needs it built here.
    const next = response.next ?? (await prepareRedirect(host, response, response.request, location))
    // requests reads intermediate bodies without decoding them: a broken gzip on a redirect does not matter.
    if (!response.loaded) await response.drain()
    response.close()
    response = await host.sendHop(next, hopOptions)
    response.history = all.slice()
    all.push(response)
    location = getRedirectTarget(response)
  }
  return all
}
