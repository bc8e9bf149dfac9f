import { inspect } from 'node:util'
import { BoundedCache } from '@x/pool'

const SENSITIVE = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'])

/**
 * Keys lower-cased before: a dict is asked for the same few header names on every request, and `toLowerCase()`
 * builds a new string each time (even of a name already in lower case). At most 512 names.
 */
const lowered = new BoundedCache<string, string>(512)

function lower(key: string): string {
  let name = lowered.get(key)
  if (name === undefined) {
    name = key.toLowerCase()
    lowered.set(key, name)
  }
  return name
}

/**
 * Anything a {@link CaseInsensitiveDict} can be built from.
 *
 * @example
 * ```ts
 * new CaseInsensitiveDict([['Accept', 'text/html']])
 * ```
 */
export type DictInit<V> =
  | CaseInsensitiveDict<V>
  | Record<string, V | undefined>
  | Iterable<readonly [string, V]>
  | null
  | undefined

/**
 * A Map-like dictionary whose string keys compare case-insensitively but remember the case they were last set
 * with (requests' `CaseInsensitiveDict`, used for headers).
 *
 * @example
 * ```ts
 * const h = new CaseInsensitiveDict({ 'Content-Type': 'text/plain' })
 * h.get('content-type') // 'text/plain'
 * [...h.keys()]          // ['Content-Type']
 * ```
 */
export class CaseInsensitiveDict<V = string> implements Iterable<[string, V]> {
  /** Lower-cased key to `[key, value]`; an entry is replaced by `set`, never changed in place, so copies share them. */
  #store: Map<string, readonly [string, V]> = CaseInsensitiveDict.#adopted()
  /**
   * Whether {@link CaseInsensitiveDict.copy} shares `#store` with another dict (copy on write): the first change
   * works on a private clone. A redirect hop copies the request headers and rarely changes one.
   */
  #shared = false
  /** The store {@link CaseInsensitiveDict.copy} hands to the dict it builds (no empty Map made and dropped). */
  static #adopt: Map<string, readonly [string, unknown]> | undefined

  static #adopted<V>(): Map<string, readonly [string, V]> {
    const store = CaseInsensitiveDict.#adopt as Map<string, readonly [string, V]> | undefined
    if (store === undefined) return new Map()
    CaseInsensitiveDict.#adopt = undefined
    return store
  }

  /** The store, ready to change: cloned first while shared with a copy. */
  #own(): Map<string, readonly [string, V]> {
    if (this.#shared) {
      this.#store = new Map(this.#store)
      this.#shared = false
    }
    return this.#store
  }

  constructor(init?: DictInit<V>) {
    if (init) this.update(init)
  }

  /** Number of entries. */
  get size(): number {
    return this.#store.size
  }

  /** The value for `key` whatever its case, or `undefined`. */
  get(key: string): V | undefined {
    return this.#store.get(lower(key))?.[1]
  }

  /** Set `key` (replacing any entry differing only by case). */
  set(key: string, value: V): this {
    this.#own().set(lower(key), [key, value])
    return this
  }

  /** Whether `key` is present, whatever its case. */
  has(key: string): boolean {
    return this.#store.has(lower(key))
  }

  /** Remove `key`; returns whether it was present. */
  delete(key: string): boolean {
    const name = lower(key)
    return this.#store.has(name) && this.#own().delete(name)
  }

  /** Remove everything. */
  clear(): void {
    if (this.#shared) {
      this.#store = new Map()
      this.#shared = false
    } else this.#store.clear()
  }

  /** Merge entries from an object, pairs or another dict; `undefined` values in objects are skipped. */
  update(init: DictInit<V>): this {
    if (!init) return this
    if (init instanceof CaseInsensitiveDict || Symbol.iterator in Object(init)) {
      for (const [k, v] of init as Iterable<readonly [string, V]>) this.set(k, v)
      return this
    }
    for (const [k, v] of Object.entries(init as Record<string, V | undefined>)) {
      if (v !== undefined) this.set(k, v)
    }
    return this
  }

  /** Keys in the case they were last set with. */
  *keys(): IterableIterator<string> {
    for (const [k] of this.#store.values()) yield k
  }

  /** The values, in insertion order. */
  *values(): IterableIterator<V> {
    for (const [, v] of this.#store.values()) yield v
  }

  /** Entries in the case they were last set with (a snapshot: cheaper than a generator on the hot path). */
  entries(): IterableIterator<[string, V]> {
    const out: Array<[string, V]> = []
    for (const e of this.#store.values()) out.push([e[0], e[1]])
    return out[Symbol.iterator]()
  }

  /**
   * @internal The stored `[key, value]` pairs themselves, not copies (an entry is replaced by `set`, never changed
   * in place): what the adapter hands the pool for each request, without copying every header first.
   */
  storedPairs(): ReadonlyArray<readonly [string, V]> {
    return [...this.#store.values()]
  }

  /** Entries with lower-cased keys (requests' `lower_items`). */
  *lowerEntries(): IterableIterator<[string, V]> {
    for (const [lk, [, v]] of this.#store) yield [lk, v]
  }

  /** Same as {@link CaseInsensitiveDict.entries}. */
  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries()
  }

  /**
   * Calls `fn(value, key, dict)` for each entry, keys in the case they were last set with (like
   * `Map.prototype.forEach`).
   */
  forEach(fn: (value: V, key: string, dict: this) => void): void {
    for (const [k, v] of this.#store.values()) fn(v, k, this)
  }

  /** Shallow copy. */
  copy(): CaseInsensitiveDict<V> {
    this.#shared = true
    CaseInsensitiveDict.#adopt = this.#store
    const out = new CaseInsensitiveDict<V>()
    out.#shared = true
    return out
  }

  /** Equal when both hold the same lower-cased keys with equal (`===`) values. */
  equals(other: DictInit<V>): boolean {
    const o = other instanceof CaseInsensitiveDict ? other : new CaseInsensitiveDict<V>(other)
    if (o.size !== this.size) return false
    for (const [lk, [, v]] of this.#store) if (o.#store.get(lk)?.[1] !== v || !o.#store.has(lk)) return false
    return true
  }

  /** A plain object (original key case). */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {}
    for (const [k, v] of this.#store.values()) out[k] = v
    return out
  }

  /** Values of credential-bearing headers are shown as `'[redacted]'`. */
  [inspect.custom](_depth: number, options: object): string {
    const shown: Record<string, unknown> = {}
    for (const [lk, [k, v]] of this.#store) shown[k] = SENSITIVE.has(lk) ? '[redacted]' : v
    return `CaseInsensitiveDict(${inspect(shown, options)})`
  }
}
