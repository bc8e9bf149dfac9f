// The stack's one redaction policy for URLs shown to people (error messages, diagnostics events, debug logs,
// tracing). @x/requests and @x/oauth2 import it from @x/pool's public entry; nothing else decides how a URL is shown.
//
// The rule: credentials removed, every query parameter value replaced by `[REDACTED]` (names kept, they make the
// message useful), fragment dropped. A query often carries a secret (`?access_token=`, `?code=`, a signed URL's
// `X-Amz-Signature=`), and so does a fragment (the implicit flow's `#access_token=`). `Response.url` and the like
// keep the real URL: this is for what gets logged.

/** What a redacted query parameter value (or bare userinfo) is shown as. */
export const REDACTED = '[REDACTED]'

// `scheme://` then userinfo up to the *last* '@' before the path, so a raw '@' in a password leaves nothing behind.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i
// Without `//` (`user:pass@host`, `mailto:a@b`) there is no telling userinfo from a path: hide it all.
const BARE_USERINFO = /^[^/?#]*@/

function redactParams(params: string): string {
  let out = ''
  for (const pair of params.split('&')) {
    const i = pair.indexOf('=')
    out += `${out === '' ? '' : '&'}${i === -1 ? pair : `${pair.slice(0, i)}=${REDACTED}`}`
  }
  return out
}

/**
 * A URL (absolute or not, string or `URL`) as the stack shows it in messages and logs: credentials removed, each
 * query parameter value replaced by `[REDACTED]`, the fragment dropped. Never throws.
 *
 * @example
 * ```ts
 * redactUrl('https://user:p%40ss@idp/cb?code=abc&state=xyz#frag=1') // 'https://idp/cb?code=[REDACTED]&state=[REDACTED]'
 * ```
 */
export function redactUrl(url: string | URL): string {
  if (typeof url !== 'string') {
    // A parsed URL: its parts are already split (the common case costs one template string).
    const base = `${url.protocol}//${url.host}${url.pathname}`
    return url.search === '' ? base : `${base}?${redactParams(url.search.slice(1))}`
  }
  const clean = USERINFO.test(url) ? url.replace(USERINFO, '$1') : url.replace(BARE_USERINFO, `${REDACTED}@`)
  const hash = clean.indexOf('#')
  const noFragment = hash === -1 ? clean : clean.slice(0, hash)
  const q = noFragment.indexOf('?')
  return q === -1 ? noFragment : `${noFragment.slice(0, q)}?${redactParams(noFragment.slice(q + 1))}`
}

// A URL inside free text ends at whitespace, a quote or an angle bracket.
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi

/**
 * {@link redactUrl} applied to every `scheme://...` URL inside a message (a lower layer's, say).
 *
 * @example
 * ```ts
 * redactMessage('connect ECONNREFUSED for http://u:p@h/x?t=1') // 'connect ECONNREFUSED for http://h/x?t=[REDACTED]'
 * ```
 */
export function redactMessage(message: string): string {
  return message.replace(URL_IN_TEXT, (url) => redactUrl(url))
}

/**
 * Node's `new URL()` errors carry the URL they refused as `input` (and `base`), which `util.inspect` prints with
 * the error's `cause`: redacts them in place before such an error becomes a cause. Returns `error`.
 *
 * @example
 * ```ts
 * throw new LocationParseError('bad URL', { cause: redactUrlError(cause) })
 * ```
 */
export function redactUrlError<T>(error: T): T {
  if (typeof error !== 'object' || error === null) return error
  for (const key of ['input', 'base'] as const) {
    const value = (error as Record<string, unknown>)[key]
    if (typeof value === 'string') {
      Object.defineProperty(error, key, {
        value: redactUrl(value),
        enumerable: true,
        configurable: true,
        writable: true,
      })
    }
  }
  return error
}
