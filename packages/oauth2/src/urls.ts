// Checks on the URLs a caller hands in. WHATWG URL parsing silently drops tabs and newlines, so a
// `"https://op/token\r\nX: 1"` would otherwise become a different, valid URL: refuse control characters.
const CONTROL = /[\x00-\x1f\x7f]/

/** Why `value` is not an acceptable http(s) URL, or undefined when it is. */
export function urlProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'must not contain control characters'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an http(s) URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL'
  return undefined
}

/**
 * Why `value` is not an acceptable redirection URI, or undefined: RFC 6749 §3.1.2 wants an absolute URI
 * without a fragment; user:password in it would hand credentials to every authorization server and browser
 * history, so it is refused too. Custom schemes (`com.example.app:/cb`, RFC 8252) are allowed.
 */
export function redirectUriProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'must not contain control characters'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an absolute URL'
  }
  if (value.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1.2)'
  if (url.username !== '' || url.password !== '' || /^[^/?#]*\/\/[^/?#]*@/.test(value))
    return 'must not contain credentials'
  return undefined
}

/** A TypeError with code ERR_INVALID_ARG_VALUE naming the argument: `"redirectUri" must not ...`. */
export function invalidArg(path: string, problem: string): TypeError & { code: string } {
  const error = new TypeError(`"${path}" ${problem}`) as TypeError & { code: string }
  error.code = 'ERR_INVALID_ARG_VALUE'
  return error
}

/** Throws the path-named TypeError when `value` is not an acceptable http(s) URL; returns it otherwise. */
export function checkUrl(value: string, path: string): string {
  const problem = typeof value === 'string' ? urlProblem(value) : 'must be a string'
  if (problem) throw invalidArg(path, problem)
  return value
}

/** Throws the path-named TypeError when `value` is not an acceptable redirection URI. */
export function checkRedirectUri(value: string, path: string): string {
  const problem = typeof value === 'string' ? redirectUriProblem(value) : 'must be a string'
  if (problem) throw invalidArg(path, problem)
  return value
}
