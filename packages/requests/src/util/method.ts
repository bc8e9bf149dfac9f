import { invalidArg } from '@x/pool'

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** The methods nearly every request uses: checked by a Set lookup, every send of every redirect hop. */
const STANDARD = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * Throw a `TypeError` (`code: 'ERR_INVALID_ARG_VALUE'`) unless `method` is an HTTP token (RFC 9110 section 9.1).
 * A method is sent verbatim on the request line: CR, LF, spaces or NUL could inject headers or a second request.
 * requests raises `ValueError` here; the Node idiom is a coded `TypeError`.
 */
export function assertMethod(method: unknown, path = 'method'): asserts method is string {
  if (STANDARD.has(method as string) || (typeof method === 'string' && TOKEN.test(method))) return
  throw invalidArg(
    path,
    `must be an HTTP token (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(String(method))}`,
  )
}
