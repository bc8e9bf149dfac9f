import { invalidArg } from './invalid-arg.js'

/**
 * A `Map` of at most `maxSize` entries that empties itself when a new key would pass the bound: the stack's one
 * process-wide memo for hot paths (request URLs parsed, header names found valid, redirect targets resolved), where
 * the same few keys come back on every request and a plain `Map` would grow with every distinct key a long-running
 * process ever sees. Emptying instead of evicting one entry at a time (LRU) keeps a hit to one `Map` lookup and a
 * miss to one more; the keys in use come back within a few calls. An entry can vanish at any time: keep only what
 * can be computed again, and never a secret.
 *
 * @example
 * ```ts
 * import { BoundedCache } from '@x/pool'
 *
 * const hosts = new BoundedCache<string, string>(512)
 * function hostOf(url: string): string {
 *   const hit = hosts.get(url)
 *   if (hit !== undefined) return hit
 *   const host = new URL(url).host
 *   hosts.set(url, host)
 *   return host
 * }
 * hostOf('https://example.test/a') // 'example.test'
 * ```
 */
export class BoundedCache<K, V> {
  /** The most entries kept; adding a new key to a full cache empties it first. */
  readonly maxSize: number
  readonly #entries = new Map<K, V>()

  /** @param maxSize - The most entries kept: a positive integer, else a `TypeError` (`ERR_INVALID_ARG_VALUE`). */
  constructor(maxSize: number) {
    if (!Number.isSafeInteger(maxSize) || maxSize < 1) {
      throw invalidArg('maxSize', 'must be a positive integer')
    }
    this.maxSize = maxSize
  }

  /** How many entries are kept now (never more than {@link BoundedCache.maxSize}). */
  get size(): number {
    return this.#entries.size
  }

  /** The value kept for `key`, or `undefined`. */
  get(key: K): V | undefined {
    return this.#entries.get(key)
  }

  /** Whether a value is kept for `key`. */
  has(key: K): boolean {
    return this.#entries.has(key)
  }

  /** Keeps `value` for `key`; when `key` is new and the cache is full, empties the cache first. */
  set(key: K, value: V): this {
    const entries = this.#entries
    // Looked up only when full: a miss's set stays one Map operation.
    if (entries.size >= this.maxSize && !entries.has(key)) entries.clear()
    entries.set(key, value)
    return this
  }

  /** Forgets `key`; `true` when it was kept. */
  delete(key: K): boolean {
    return this.#entries.delete(key)
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear()
  }
}
