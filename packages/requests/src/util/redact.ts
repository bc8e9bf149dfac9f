// The one place that decides how a URL is shown in an error message (or anything else a user may log).
// Matches @x/pool's diagnostics events: credentials removed, every query (and fragment) parameter value
// replaced by `[REDACTED]`, names kept — a query often carries a secret (`?access_token=`, `?code=`, a
// signed URL's `X-Amz-Signature=`), and keeping the names keeps the message useful.

/** What a redacted query or fragment parameter value is shown as. */
export const REDACTED = '[REDACTED]'

// `scheme://` then userinfo up to the *last* '@' before the path, so a raw '@' in a password leaves nothing behind.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i
// Without `//` (`user:pass@host`, `mailto:a@b`) there is no telling userinfo from a path: hide it all.
const BARE_USERINFO = /^[^/?#]*@/

function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const i = pair.indexOf('=')
      return i === -1 ? pair : `${pair.slice(0, i)}=${REDACTED}`
    })
    .join('&')
}

/**
 * A URL (absolute or not) as error messages show it: `user:password@` removed, each query and fragment
 * parameter value replaced by `[REDACTED]`: `http://h/cb?code=[REDACTED]&state=[REDACTED]`. Never throws.
 * `Response.url` and `PreparedRequest.url` keep the real URL; this is for messages only.
 */
export function redactUrl(url: string): string {
  const clean = USERINFO.test(url) ? url.replace(USERINFO, '$1') : url.replace(BARE_USERINFO, `${REDACTED}@`)
  const q = clean.search(/[?#]/)
  if (q === -1) return clean
  const hash = clean.indexOf('#', q)
  let out = clean.slice(0, q)
  if (clean[q] === '?') out += `?${redactParams(hash === -1 ? clean.slice(q + 1) : clean.slice(q + 1, hash))}`
  if (hash !== -1) out += `#${redactParams(clean.slice(hash + 1))}`
  return out
}

// A URL inside free text ends at whitespace, a quote or an angle bracket.
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi

/** {@link redactUrl} applied to every `scheme://...` URL inside a message (a lower layer's, say). */
export function redactMessage(message: string): string {
  return message.replace(URL_IN_TEXT, (url) => redactUrl(url))
}

/**
 * Node's `new URL()` errors carry the URL they refused as `input` (and `base`), which `util.inspect` prints
 * with the error's `cause`: redact them in place before such an error becomes a cause. Returns `error`.
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
