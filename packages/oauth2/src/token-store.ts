import { abortable } from './single-flight.js'
import type { TokenFields } from './token.js'

/**
 * Which shared token: one per issuer (the token endpoint URL when there is no issuer), client and subject.
 *
 * @example
 * ```ts
 * const key: TokenStoreKey = { issuer: 'https://op.example', clientId: 'svc' }
 * ```
 */
export interface TokenStoreKey {
  /** The issuer from the metadata when known, else the token endpoint URL. */
  readonly issuer: string
  /** The client identifier. */
  readonly clientId: string
  /** The user or subject of a per-user token; absent for client credentials. */
  readonly subject?: string | undefined
}

/**
 * A token as stored: exactly the wire fields `OAuth2Token#toJSON()` returns, secrets included.
 *
 * @example
 * ```ts
 * const stored: StoredToken = token.toJSON()
 * ```
 */
export type StoredToken = TokenFields

/**
 * Per-call options of a {@link TokenStore}.
 *
 * @example
 * ```ts
 * await store.read(key, { signal: AbortSignal.timeout(1_000) })
 * ```
 */
export interface TokenStoreOptions {
  /** Abandons the wait (for a lock or a round trip to the store). */
  readonly signal?: AbortSignal | undefined
}

/**
 * Where an `OAuth2Session`'s token lives and who may renew it (the `tokenStore` option). The session keeps its
 * copy in memory and calls the store only when that copy is due, when it has none, or when `subscribe` reports
 * a change: a request with a cached token never touches the store.
 *
 * @example
 * ```ts
 * const store: TokenStore = new MemoryTokenStore()
 * const client = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl, tokenStore: store })
 * ```
 */
export interface TokenStore {
  /** The current token for `key`, or undefined when none is stored. */
  read(key: TokenStoreKey, options?: TokenStoreOptions): Promise<StoredToken | undefined>
  /** Stores `token` for `key` (after fetchToken, a renewal or a restore) and wakes subscribers. */
  write(key: TokenStoreKey, token: StoredToken, options?: TokenStoreOptions): Promise<void>
  /**
   * Runs one renewal for `key` under an exclusive lease (one at a time across everything sharing the store).
   * After the lease is taken the store RE-READS the token and calls `renew(current)`, which returns `current`
   * itself when it is no longer due (someone else renewed it meanwhile: no token request), or a new token it
   * fetched. The store writes a new token before releasing the lease and resolves with it. Callers that find
   * the lease taken wait for the holder's write (woken by notification, not polling alone) or for the lease to
   * expire, then retry; a failing `renew` rejects this call and releases the lease.
   */
  renew(
    key: TokenStoreKey,
    renew: (current: StoredToken | undefined) => Promise<StoredToken>,
    options?: TokenStoreOptions,
  ): Promise<StoredToken>
  /** Optional: be told when another holder writes a token for `key`. Returns an unsubscribe function. */
  subscribe?(key: TokenStoreKey, listener: (token: StoredToken) => void): () => void
}

/** One string per key, for maps (JSON keeps the three parts apart whatever characters they hold). */
export function tokenStoreKeyId(key: TokenStoreKey): string {
  return JSON.stringify([key.issuer, key.clientId, key.subject ?? null])
}

/**
 * The default {@link TokenStore}: tokens in this process's memory, one renewal in flight per key (what an
 * `OAuth2Session` did before stores existed). Each session without a `tokenStore` option gets its own; share
 * one between sessions of the same client to share their token within a process.
 *
 * @example
 * ```ts
 * const tokenStore = new MemoryTokenStore()
 * const a = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl, grantType: 'client_credentials', tokenStore })
 * const b = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenEndpoint: tokenUrl, grantType: 'client_credentials', tokenStore })
 * await Promise.all([a.get(apiUrl), b.get(apiUrl)])   // one token request
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>()
  readonly #leases = new Map<string, Promise<StoredToken>>()
  readonly #listeners = new Map<string, Set<(token: StoredToken) => void>>()

  read(key: TokenStoreKey, options?: TokenStoreOptions): Promise<StoredToken | undefined> {
    if (options?.signal?.aborted) return Promise.reject(options.signal.reason)
    return Promise.resolve(this.#tokens.get(tokenStoreKeyId(key)))
  }

  write(key: TokenStoreKey, token: StoredToken, options?: TokenStoreOptions): Promise<void> {
    if (options?.signal?.aborted) return Promise.reject(options.signal.reason)
    this.#set(tokenStoreKeyId(key), token)
    return Promise.resolve()
  }

  async renew(
    key: TokenStoreKey,
    renew: (current: StoredToken | undefined) => Promise<StoredToken>,
    options?: TokenStoreOptions,
  ): Promise<StoredToken> {
    const id = tokenStoreKeyId(key)
    for (;;) {
      options?.signal?.throwIfAborted()
      const held = this.#leases.get(id)
      if (held === undefined) break
      // Wait for the holder, whatever its outcome, then take the lease and re-read.
      await abortable(
        held.then(
          () => undefined,
          () => undefined,
        ),
        options?.signal,
      )
    }
    const lease = (async () => {
      const current = this.#tokens.get(id)
      const next = await renew(current)
      if (next !== current) this.#set(id, next)
      return next
    })()
    this.#leases.set(id, lease)
    try {
      return await lease
    } finally {
      if (this.#leases.get(id) === lease) this.#leases.delete(id)
    }
  }

  /** Forgets the token stored for `key` (subscribers are not told). */
  delete(key: TokenStoreKey): void {
    this.#tokens.delete(tokenStoreKeyId(key))
  }

  subscribe(key: TokenStoreKey, listener: (token: StoredToken) => void): () => void {
    const id = tokenStoreKeyId(key)
    const listeners = this.#listeners.get(id) ?? new Set()
    this.#listeners.set(id, listeners)
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && this.#listeners.get(id) === listeners) this.#listeners.delete(id)
    }
  }

  #set(id: string, token: StoredToken): void {
    // A copy: the session's OAuth2Token and the stored fields never alias.
    const stored = { ...token }
    this.#tokens.set(id, stored)
    for (const listener of this.#listeners.get(id) ?? []) {
      try {
        listener(stored)
      } catch {
        // A listener's failure is its own; the write happened.
      }
    }
  }
}
