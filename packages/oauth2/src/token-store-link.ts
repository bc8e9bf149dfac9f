import {
  MemoryTokenStore,
  type StoredToken,
  type TokenStore,
  type TokenStoreKey,
  tokenStoreKeyId,
} from './token-store.js'

/** What the link needs from its session. */
export interface StoreLinkHost {
  readonly clientId: string
  /** The user the session acts for, when the store is shared between users. */
  readonly subject: string | undefined
  /** The issuer, else the token endpoint, when known without a network call. */
  knownIssuer(): string | undefined
  /** The issuer, else the token endpoint, discovering it if need be. */
  issuer(): Promise<string | undefined>
  /** Another holder wrote `token` for the session's key. */
  changed(token: StoredToken): void
}

/**
 * A session's binding to its token store: the key (issuer or token endpoint, client), the subscription for that
 * key, and — when the session made the store for itself — the mirroring of every token it is given.
 */
export class TokenStoreLink {
  readonly store: TokenStore
  readonly #host: StoreLinkHost
  // The store the session made for itself (no tokenStore option): it mirrors the session's token.
  readonly #own: MemoryTokenStore | undefined
  #key: { key: TokenStoreKey; id: string; unsubscribe: (() => void) | undefined } | undefined

  constructor(host: StoreLinkHost, store: TokenStore | undefined) {
    this.#host = host
    if (store === undefined) this.#own = new MemoryTokenStore()
    this.store = store ?? (this.#own as MemoryTokenStore)
  }

  /** The key, once an issuer or token endpoint is known; subscribes to it (again, when it changed). */
  async key(): Promise<TokenStoreKey | undefined> {
    const issuer = await this.#host.issuer()
    if (issuer === undefined) return undefined
    const key = this.#keyFor(issuer)
    const id = tokenStoreKeyId(key)
    if (this.#key?.id === id) return this.#key.key
    this.#key?.unsubscribe?.()
    const unsubscribe = this.store.subscribe?.(key, (token) => this.#host.changed(token))
    this.#key = { key, id, unsubscribe }
    return key
  }

  /**
   * The session was given `token` (or none): a private store mirrors it; a shared store's copy is only replaced
   * by fetchToken and renewals (a restored token must not overwrite a newer one a fleet renewed).
   */
  mirror(token: StoredToken | undefined): void {
    const issuer = this.#own && this.#host.knownIssuer()
    if (this.#own === undefined || issuer === undefined) return
    const key = this.#keyFor(issuer)
    if (token === undefined) this.#own.delete(key)
    else void this.#own.write(key, token)
  }

  #keyFor(issuer: string): TokenStoreKey {
    const { clientId, subject } = this.#host
    return subject === undefined ? { issuer, clientId } : { issuer, clientId, subject }
  }

  /** Stops listening to the store. */
  close(): void {
    this.#key?.unsubscribe?.()
    this.#key = undefined
  }
}
