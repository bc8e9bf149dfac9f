import { InvalidURL } from '../errors/invalid-url.js'
import type { RequestExceptionOptions } from '../errors/request-exception.js'
import { MissingSchema } from '../errors/missing-schema.js'
import { BoundedCache, redactUrl, redactUrlError } from '@x/pool'

/**
 * A query/form value; `null` and `undefined` are dropped, as requests drops `None`.
 *
 * @example
 * ```ts
 * await s.get(url, { params: { page: 2, draft: null } }) // ?page=2
 * ```
 */
export type ParamValue = string | number | boolean | bigint | null | undefined

/**
 * Query parameters: a string (used as is), an object (arrays repeat the key), pairs, or `URLSearchParams`.
 *
 * @example
 * ```ts
 * await s.get(url, { params: { q: 'x', tag: ['a', 'b'] } }) // ?q=x&tag=a&tag=b
 * ```
 */
export type ParamsInput =
  | string
  | URLSearchParams
  | Readonly<Record<string, ParamValue | readonly ParamValue[]>>
  | Iterable<readonly [string, ParamValue]>

/** Pairs in order, `null`/`undefined` dropped (requests' `to_key_val_list` + `_encode_params`). */
export function paramPairs(params: Exclude<ParamsInput, string>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const push = (k: string, v: ParamValue): void => {
    if (v !== null && v !== undefined) out.push([k, String(v)])
  }
  if (params instanceof URLSearchParams || Symbol.iterator in Object(params)) {
    for (const [k, v] of params as Iterable<readonly [string, ParamValue]>) push(k, v)
    return out
  }
  for (const [k, v] of Object.entries(params as Record<string, ParamValue | readonly ParamValue[]>)) {
    if (Array.isArray(v)) for (const item of v as readonly ParamValue[]) push(k, item)
    else push(k, v as ParamValue)
  }
  return out
}

/** `application/x-www-form-urlencoded` encoding of params (spaces as `+`). */
export function encodeParams(params: ParamsInput | null | undefined): string {
  if (params === null || params === undefined) return ''
  if (typeof params === 'string') return params
  const pairs = paramPairs(params)
  if (pairs.length === 0) return ''
  return new URLSearchParams(pairs).toString()
}

/** Result of {@link prepareUrl}: the URL to send and any credentials it carried. */
export interface PreparedUrl {
  url: string
  username: string
  password: string
}

/**
 * requests' `PreparedRequest.prepare_url`: validate, IDNA-encode the host, append params, strip credentials.
 * Non-HTTP URLs (`mailto:`, `localhost:3128`) are returned untouched: the adapter lookup rejects them with
 * `InvalidSchema`, like requests.
 */
export function prepareUrl(raw: string, params?: ParamsInput | null): PreparedUrl {
  if (params !== undefined && params !== null) return parseAndPrepare(raw, params)
  // Without params the result depends on the string alone: a session calling the same URLs again skips the
  // WHATWG parse (and its validation). Only successes are kept; the cache is small and reset when full.
  const hit = preparedUrls.get(raw)
  if (hit !== undefined) return hit
  const prepared = Object.freeze(parseAndPrepare(raw, undefined))
  // URLs with credentials are not kept: no secret outlives the request in a module-level cache.
  if (prepared.username || prepared.password) return prepared
  preparedUrls.set(raw, prepared)
  return prepared
}

/** URLs prepared before, without params; at most 512, so that a stream of distinct URLs cannot grow it without end. */
const preparedUrls = new BoundedCache<string, PreparedUrl>(512)

function parseAndPrepare(raw: string, params: ParamsInput | null | undefined): PreparedUrl {
  const url = raw.trimStart()
  assertNoControlChars(url)
  const colon = url.indexOf(':')
  if (colon !== -1 && !/^https?:/i.test(url)) return { url, username: '', password: '' }
  if (colon === -1 || !/^https?:\/\//i.test(url)) {
    throw new MissingSchema(
      `Invalid URL '${redactUrl(url)}': No scheme supplied. Perhaps you meant https://${redactUrl(url)}?`,
    )
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new InvalidURL(`Invalid URL '${redactUrl(url)}': cannot be parsed`, {
      cause: redactUrlError(cause),
    })
  }
  const host = parsed.hostname
  if (!host) throw new InvalidURL(`Invalid URL '${redactUrl(url)}': No host supplied`)
  if (host.startsWith('*') || host.startsWith('.')) {
    throw new InvalidURL(`Invalid URL '${redactUrl(url)}': URL has an invalid label.`)
  }
  const username = parsed.username ? safeDecode(parsed.username) : ''
  const password = parsed.password ? safeDecode(parsed.password) : ''
  if (username || password) {
    parsed.username = ''
    parsed.password = ''
  }
  const enc = encodeParams(params)
  if (enc) parsed.search = parsed.search ? `${parsed.search.slice(1)}&${enc}` : enc
  return { url: parsed.href, username, password }
}

// C0 controls and DEL. WHATWG URL parsing silently *removes* TAB, CR and LF (and trims the ends), so
// `/a\r\nX-Injected: 1` would go out as another target; requests percent-encodes instead. Refusing is clearer.
const CONTROL = /[\x00-\x1f\x7f]/

/**
 * Throw {@link InvalidURL} when `url` contains a control character (CR, LF, TAB, NUL...), before anything is
 * sent. The message shows the URL redacted ({@link redactUrl}) and the controls escaped.
 */
export function assertNoControlChars(url: string, what = 'URL', options?: RequestExceptionOptions): void {
  const m = CONTROL.exec(url)
  if (!m) return
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  const shown = JSON.stringify(redactUrl(url)).slice(1, -1)
  throw new InvalidURL(
    `Invalid ${what} '${shown}': contains the control character U+${code}; percent-encode it (%${code.slice(2)})`,
    options,
  )
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Default port of a scheme (`'http:'` -> 80). */
export function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : protocol === 'http:' ? '80' : ''
}
