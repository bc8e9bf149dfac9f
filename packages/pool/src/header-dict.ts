import { inspect } from 'node:util'
import { assertHeaderName, assertHeaderValue } from './validate.js'

/**
 * Headers accepted wherever the API takes headers: a plain object, an `HTTPHeaderDict` or `[name, value]` pairs.
 *
 * @example
 * ```ts
 * await pm.request('GET', url, { headers: { Accept: 'application/json', 'X-Multi': ['a', 'b'] } })
 * await pm.request('GET', url, { headers: [['Cookie', 'a=1'], ['Cookie', 'b=2']] })
 * ```
 */
export type PoolHeadersInput =
  | Record<string, string | readonly string[] | undefined>
  | HTTPHeaderDict
  | Iterable<readonly [string, string]>

/**
 * Whether a raw header name (bytes as undici parsed them: a valid token) is the lower-case `key`, compared byte by
 * byte without building a string.
 */
function isName(name: Buffer | string, key: string): boolean {
  if (name.length !== key.length) return false
  if (typeof name === 'string') return name.toLowerCase() === key
  for (let i = 0; i < key.length; i++) {
    const byte = name[i]!
    const c = key.charCodeAt(i)
    // An upper-case ASCII letter is its lower-case one minus 0x20.
    if (byte !== c && !(c >= 0x61 && c <= 0x7a && byte === c - 0x20)) return false
  }
  return true
}

/**
 * Index of the first name equal to the lower-case `lower` in a flat `[name, value, ...]` list (undici's raw
 * response headers, or request headers as strings), at or after `from`; -1 when absent.
 */
export function findHeader(list: ReadonlyArray<Buffer | string>, lower: string, from = 0): number {
  for (let i = from; i + 1 < list.length; i += 2) if (isName(list[i]!, lower)) return i
  return -1
}

interface Entry {
  name: string
  values: string[]
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])

/** @internal A flat `[name, value, ...]` header list with the values of credential headers as `[redacted]`. */
export function redactHeaderList(flat: readonly string[]): string[] {
  const out = [...flat]
  for (let i = 0; i + 1 < out.length; i += 2)
    if (SECRET_HEADERS.has(out[i]!.toLowerCase())) out[i + 1] = '[redacted]'
  return out
}

/**
 * Case-insensitive, multi-valued header map that keeps insertion order and the first spelling of each name,
 * like urllib3's `HTTPHeaderDict`. `get()` joins repeated values with `', '`; iteration yields every
 * `[name, value]` pair (so repeated `Set-Cookie` lines survive a copy).
 *
 * @example
 * ```ts
 * const h = new HTTPHeaderDict({ Accept: 'application/json' })
 * h.add('Set-Cookie', 'a=1')
 * h.add('set-cookie', 'b=2')
 * h.get('SET-COOKIE') // 'a=1, b=2'
 * h.getAll('set-cookie') // ['a=1', 'b=2']
 * ```
 */
export class HTTPHeaderDict implements Iterable<[string, string]> {
  /** Built on first need: a response read only through `get`/`has` never allocates a Map. */
  #entries: Map<string, Entry> | undefined
  /**
   * undici's raw `[name, value, ...]` list of a response, not yet turned into entries: `get`, `getAll` and `has`
   * look a name up in it (most responses are asked for one or two headers, `Set-Cookie` and `Location`); anything
   * else builds the entries first.
   */
  #raw: ReadonlyArray<Buffer | string> | undefined
  /**
   * The last `get` answered from the raw list, name as asked and value: a response is asked for the same header
   * again and again (`Location` several times per redirect hop), and the raw list never changes.
   */
  #lastName: string | undefined
  #lastValue: string | undefined

  constructor(init?: PoolHeadersInput) {
    if (init !== undefined && init !== null) this.extend(init)
  }

  /** @internal Builds a dict from trusted undici raw headers (`[name, value, ...]` buffers) without validation. */
  static fromRaw(raw: ReadonlyArray<Buffer | string>): HTTPHeaderDict {
    const dict = new HTTPHeaderDict()
    dict.#raw = raw
    return dict
  }

  /** The entries, built from the raw list on first need. */
  get #map(): Map<string, Entry> {
    this.#entries ??= new Map<string, Entry>()
    const map = this.#entries
    const raw = this.#raw
    if (raw !== undefined) {
      this.#raw = undefined
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const name = raw[i]!.toString('latin1')
        const value = raw[i + 1]!.toString('latin1')
        const key = name.toLowerCase()
        const entry = map.get(key)
        if (entry === undefined) map.set(key, { name, values: [value] })
        else entry.values.push(value)
      }
    }
    return map
  }

  /** Every value of the lower-case `key` in the raw list, in order. */
  static #rawValues(raw: ReadonlyArray<Buffer | string>, key: string): string[] {
    const out: string[] = []
    for (let i = findHeader(raw, key); i !== -1; i = findHeader(raw, key, i + 2))
      out.push(raw[i + 1]!.toString('latin1'))
    return out
  }

  /** @internal Builds a dict from an undici parsed header object (HTTP/2 or decorated responses). */
  static fromObject(headers: Record<string, string | string[] | undefined>): HTTPHeaderDict {
    const dict = new HTTPHeaderDict()
    for (const name of Object.keys(headers)) {
      const value = headers[name]
      if (value === undefined) continue
      dict.#map.set(name.toLowerCase(), { name, values: Array.isArray(value) ? [...value] : [value] })
    }
    return dict
  }

  /** Adds every header of `input`, keeping values already present. */
  extend(input: PoolHeadersInput): void {
    if (input instanceof HTTPHeaderDict) {
      for (const [name, value] of input) this.add(name, value)
      return
    }
    if (Symbol.iterator in input) {
      for (const pair of input as Iterable<readonly [string, string]>) this.add(pair[0], pair[1])
      return
    }
    const record = input as Record<string, string | readonly string[] | undefined>
    for (const name of Object.keys(record)) {
      const value = record[name]
      if (value === undefined) continue
      if (typeof value === 'string') this.add(name, value)
      else for (const v of value) this.add(name, v)
    }
  }

  /** Number of distinct header names. */
  get size(): number {
    return this.#map.size
  }

  /** All values of `name` joined with `', '`, or `undefined`. */
  get(name: string): string | undefined {
    const raw = this.#raw
    if (raw !== undefined) {
      if (name === this.#lastName) return this.#lastValue
      const key = name.toLowerCase()
      const at = findHeader(raw, key)
      // One value (the usual case) without building the list.
      const value =
        at === -1
          ? undefined
          : findHeader(raw, key, at + 2) === -1
            ? raw[at + 1]!.toString('latin1')
            : HTTPHeaderDict.#rawValues(raw, key).join(', ')
      this.#lastName = name
      this.#lastValue = value
      return value
    }
    const entry = this.#map.get(name.toLowerCase())
    if (entry === undefined) return undefined
    return entry.values.length === 1 ? entry.values[0] : entry.values.join(', ')
  }

  /** Every value of `name`, in order (empty array when absent). */
  getAll(name: string): string[] {
    if (this.#raw !== undefined) return HTTPHeaderDict.#rawValues(this.#raw, name.toLowerCase())
    const entry = this.#map.get(name.toLowerCase())
    return entry === undefined ? [] : [...entry.values]
  }

  /** Whether a header named `name` (case-insensitive) is present. */
  has(name: string): boolean {
    if (this.#raw !== undefined) return findHeader(this.#raw, name.toLowerCase()) !== -1
    return this.#map.has(name.toLowerCase())
  }

  /** Replaces every value of `name`. Throws a `TypeError` (`ERR_INVALID_CHAR`) on CR, LF or other controls. */
  set(name: string, value: string): void {
    assertHeaderName(name)
    assertHeaderValue(name, value)
    const key = name.toLowerCase()
    const entry = this.#map.get(key)
    if (entry === undefined) this.#map.set(key, { name, values: [value] })
    else entry.values = [value]
  }

  /** Appends a value to `name`, keeping the existing ones. */
  add(name: string, value: string): void {
    assertHeaderName(name)
    assertHeaderValue(name, value)
    const key = name.toLowerCase()
    const entry = this.#map.get(key)
    if (entry === undefined) this.#map.set(key, { name, values: [value] })
    else entry.values.push(value)
  }

  /** Removes every value of `name` (case-insensitive); `true` if there was one. */
  delete(name: string): boolean {
    return this.#map.delete(name.toLowerCase())
  }

  /** Distinct header names, first spelling kept. */
  *keys(): IterableIterator<string> {
    for (const entry of this.#map.values()) yield entry.name
  }

  /** Merged value of each distinct name. */
  *values(): IterableIterator<string> {
    for (const entry of this.#map.values()) yield entry.values.join(', ')
  }

  /** Every `[name, value]` pair; repeated headers appear once per value. */
  *entries(): IterableIterator<[string, string]> {
    for (const entry of this.#map.values()) for (const value of entry.values) yield [entry.name, value]
  }

  /** `[name, mergedValue]` per distinct name, like urllib3's `itermerged()`. */
  *itermerged(): IterableIterator<[string, string]> {
    for (const entry of this.#map.values()) yield [entry.name, entry.values.join(', ')]
  }

  /** Same as {@link HTTPHeaderDict.entries}: one pair per value. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }

  /**
   * An independent copy (urllib3's `HTTPHeaderDict.copy`).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3._collections.html
   */
  copy(): HTTPHeaderDict {
    const dict = new HTTPHeaderDict()
    for (const [key, entry] of this.#map) dict.#map.set(key, { name: entry.name, values: [...entry.values] })
    return dict
  }

  /** Plain object of merged values, first spelling of each name. */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const entry of this.#map.values()) out[entry.name] = entry.values.join(', ')
    return out
  }

  /** @internal Flat `[name, value, ...]` array for undici. */
  toFlat(): string[] {
    const out: string[] = []
    for (const entry of this.#map.values()) for (const value of entry.values) out.push(entry.name, value)
    return out
  }

  /**
   * `util.inspect` output with the values of `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie`
   * shown as `[redacted]`.
   */
  [inspect.custom](): string {
    const shown: Record<string, string> = {}
    for (const [key, entry] of this.#map) {
      shown[entry.name] = SECRET_HEADERS.has(key) ? '[redacted]' : entry.values.join(', ')
    }
    return `HTTPHeaderDict ${inspect(shown)}`
  }
}

/** @deprecated Renamed {@link PoolHeadersInput}: `@x/requests` exports its own `HeadersInput` (what a Session accepts). */
export type HeadersInput = PoolHeadersInput
