// TEMPORARY: the TokenStore contract of @x/oauth2 (issue 17) until it lands on main; then these names are imported
// from '@x/oauth2' and this file goes away.
import type { TokenFields } from '@x/oauth2'

export interface TokenStoreKey {
  readonly issuer: string
  readonly clientId: string
  readonly subject?: string | undefined
}
export type StoredToken = TokenFields
export interface TokenStoreOptions {
  readonly signal?: AbortSignal | undefined
}
export interface TokenStore {
  read(key: TokenStoreKey, options?: TokenStoreOptions): Promise<StoredToken | undefined>
  write(key: TokenStoreKey, token: StoredToken, options?: TokenStoreOptions): Promise<void>
  renew(
    key: TokenStoreKey,
    renew: (current: StoredToken | undefined) => Promise<StoredToken>,
    options?: TokenStoreOptions,
  ): Promise<StoredToken>
  subscribe?(key: TokenStoreKey, listener: (token: StoredToken) => void): () => void
}

function keyId(key: TokenStoreKey): string {
  return JSON.stringify([key.issuer, key.clientId, key.subject ?? null])
}

export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>()
  readonly #leases = new Map<string, Promise<StoredToken>>()
  async read(key: TokenStoreKey): Promise<StoredToken | undefined> {
    return this.#tokens.get(keyId(key))
  }
  async write(key: TokenStoreKey, token: StoredToken): Promise<void> {
    this.#tokens.set(keyId(key), token)
  }
  async renew(
    key: TokenStoreKey,
    renew: (current: StoredToken | undefined) => Promise<StoredToken>,
  ): Promise<StoredToken> {
    const id = keyId(key)
    for (let held = this.#leases.get(id); held; held = this.#leases.get(id)) await held.catch(() => undefined)
    const lease = (async () => {
      const current = this.#tokens.get(id)
      const next = await renew(current)
      if (next !== current) this.#tokens.set(id, next)
      return next
    })()
    this.#leases.set(id, lease)
    try {
      return await lease
    } finally {
      if (this.#leases.get(id) === lease) this.#leases.delete(id)
    }
  }
}
