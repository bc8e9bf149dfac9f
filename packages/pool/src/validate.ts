// Request-side validation, done before anything is dispatched so a bad header never reaches a socket
// (header injection / request smuggling). Messages name the header, never its value (it may be a secret).

import { BoundedCache } from './bounded-cache.js'

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// Field values are HTAB, visible ASCII, SP and obs-text (RFC 9110 section 5.5): controls are forbidden, and a
// character beyond Latin-1 has no byte to be sent as (Node's http refuses the same set).
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/

/**
 * Tokens (header names, methods) found valid before: a client sends the same few again and again. At most
 * 1024, so that a stream of distinct names cannot grow it without end.
 */
const validTokens = new BoundedCache<string, true>(1024)

function isToken(value: unknown): boolean {
  if (validTokens.has(value as string)) return true
  if (typeof value !== 'string' || !TOKEN.test(value)) return false
  validTokens.set(value, true)
  return true
}

function invalid(message: string, code: string): TypeError {
  const error = new TypeError(message)
  Object.defineProperty(error, 'code', { value: code, enumerable: true })
  return error
}

export function assertHeaderName(name: string): void {
  if (!isToken(name)) {
    throw invalid(
      `Header name must be a valid HTTP token ["${String(name).replace(/[^\x20-\x7e]/g, '?')}"]`,
      'ERR_INVALID_HTTP_TOKEN',
    )
  }
}

export function assertHeaderValue(name: string, value: string): void {
  if (typeof value !== 'string')
    throw invalid(`Invalid value for header "${name}": must be a string`, 'ERR_INVALID_ARG_TYPE')
  if (BAD_VALUE.test(value))
    throw invalid(`Invalid character in header content ["${name}"]`, 'ERR_INVALID_CHAR')
}

export function assertMethod(method: string): void {
  if (!isToken(method)) {
    throw invalid('Method must be a valid HTTP token', 'ERR_INVALID_HTTP_TOKEN')
  }
}
