import type { Response } from '@x/requests'
import { REDACTED } from './redact.js'

// `access_token=...` in a URL (RFC 6750 §2.3). Lower layers quote request URLs in their messages (a
// connection error, raiseForStatus): with tokenPlacement 'uri' that URL carries the token.
const QUERY_TOKEN = /([?&;]access_token=)[^&#\s'"<>)]+/gi

/** `text` with every `access_token=` query value replaced by `[REDACTED]`. */
export function redactQueryToken(text: string): string {
  return text.replace(QUERY_TOKEN, `$1${REDACTED}`)
}

function rewrite(target: object, key: 'message' | 'stack'): void {
  const value = (target as Record<string, unknown>)[key]
  if (typeof value !== 'string') return
  const clean = redactQueryToken(value)
  if (clean === value) return
  try {
    ;(target as Record<string, unknown>)[key] = clean
  } catch {
    // A frozen error keeps its text; nothing else to do.
  }
}

/**
 * Hides `access_token` query values in an error's message and stack, and in those of its causes (in place:
 * the class, `code` and the attached request/response stay as the layer below made them).
 */
export function hideQueryToken<E>(error: E): E {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0 && seen.size < 16) {
    const e = queue.shift()
    if (!(e instanceof Error) || seen.has(e)) continue
    seen.add(e)
    rewrite(e, 'message')
    rewrite(e, 'stack')
    queue.push(e.cause, (e as { reason?: unknown }).reason)
  }
  return error
}

/** Makes `response.raiseForStatus()` throw its HTTPError without the token its URL carries. */
export function guardRaiseForStatus(response: Response): Response {
  const raise = response.raiseForStatus
  Object.defineProperty(response, 'raiseForStatus', {
    value: function raiseForStatus(this: Response): void {
      try {
        raise.call(this)
      } catch (error) {
        throw hideQueryToken(error)
      }
    },
    configurable: true,
    writable: true,
    enumerable: false,
  })
  return response
}
