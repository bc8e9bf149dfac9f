import { CaseInsensitiveDict } from '../case-insensitive-dict.js'
import { InvalidHeader } from '../errors/invalid-header.js'

/**
 * Headers as accepted by the API: an object (`undefined` values dropped), pairs or a {@link CaseInsensitiveDict}.
 *
 * @example
 * ```ts
 * await s.get(url, { headers: { Accept: 'application/json' } })
 * ```
 */
export type HeadersInput =
  | Readonly<Record<string, string | undefined | null>>
  | CaseInsensitiveDict<string>
  | Headers
  | Iterable<readonly [string, string]>

const NAME = /^[^:\s][^:\r\n\0]*$/
const VALUE = /^(?:\S[^\r\n\0]*)?$/

/**
 * requests' `check_header_validity`: names and values must be strings, names free of `:` and whitespace
 * at the start, values free of CR/LF/NUL and leading whitespace. The message names the header, never its
 * value (it may be a credential).
 */
export function checkHeader(name: unknown, value: unknown): void {
  if (typeof name !== 'string') throw new InvalidHeader(`Header name ${String(name)} must be of type string`)
  if (typeof value !== 'string') {
    throw new InvalidHeader(`Header part (value of ${JSON.stringify(name)}) must be of type string`)
  }
  if (!NAME.test(name)) {
    throw new InvalidHeader(
      `Invalid leading whitespace, reserved character(s), or return character(s) in header name`,
    )
  }
  if (!VALUE.test(value)) {
    throw new InvalidHeader(
      `Invalid leading whitespace, reserved character(s), or return character(s) in header value of ${JSON.stringify(name)}`,
    )
  }
}

/** Build a validated header dict; `undefined`/`null` values are dropped. */
export function toHeaderDict(input: HeadersInput | null | undefined): CaseInsensitiveDict<string> {
  const out = new CaseInsensitiveDict<string>()
  if (!input) return out
  if (input instanceof CaseInsensitiveDict) {
    // forEach rather than the iterator: the session's headers are copied on every request.
    input.forEach((v: unknown, k) => {
      if (v === undefined || v === null) return
      checkHeader(k, v)
      out.set(k, v as string)
    })
    return out
  }
  const it =
    input instanceof CaseInsensitiveDict || Symbol.iterator in Object(input)
      ? (input as Iterable<readonly [string, unknown]>)
      : Object.entries(input)
  for (const [k, v] of it) {
    if (v === undefined || v === null) continue
    checkHeader(k, v)
    out.set(k, v as string)
  }
  return out
}
