/**
 * Parses a `Retry-After` value (RFC 9110 section 10.2.3): delay-seconds or an HTTP date. Returns milliseconds
 * (>= 0), or `undefined` when the value is neither.
 */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date) || !/[a-z]/i.test(trimmed)) return undefined
  return Math.max(0, date - now)
}
