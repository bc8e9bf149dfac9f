import { InvalidURL } from '../errors/invalid-url.js'
import { redactUrl } from '@x/pool'
import { assertNoControlChars } from '../util/url.js'

/**
 * Resolve `url` against a session `baseUrl` so that it cannot escape it: a relative path (with or without a
 * leading `/`) is appended to the base path; an absolute URL is allowed only when it starts with `baseUrl`;
 * protocol-relative URLs (`//host`), other absolute URLs and `..` segments climbing above the base are
 * {@link InvalidURL}.
 */
export function resolveBaseUrl(baseUrl: string, url: string): string {
  if (url.startsWith(baseUrl)) return url
  const trimmed = url.trimStart()
  assertNoControlChars(trimmed)
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || /^[/\\]{2}/.test(trimmed)) {
    throw new InvalidURL(`URL '${redactUrl(trimmed)}' is outside the session baseUrl '${redactUrl(baseUrl)}'`)
  }
  const base = new URL(baseUrl)
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`
  const rel = trimmed.replace(/^\/+/, '')
  const joined = new URL(basePath + rel, base.origin)
  if (!joined.pathname.startsWith(basePath) && `${joined.pathname}/` !== basePath) {
    throw new InvalidURL(
      `URL '${redactUrl(trimmed)}' climbs out of the session baseUrl '${redactUrl(baseUrl)}'`,
    )
  }
  joined.username = base.username
  joined.password = base.password
  return joined.href
}
