import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { StoredToken } from '@x/oauth2'
import { TokenDecryptError } from './errors/token-decrypt-error.js'

/** One AES-256 key of the store: its id travels with each ciphertext, so keys can rotate. */
export interface EncryptionKey {
  /** A short name written beside each ciphertext (1 to 64 letters, digits, `_` or `-`), e.g. `'2026-12'`. */
  readonly id: string
  /** 32 bytes, or their base64/base64url encoding (`openssl rand -base64 32`). */
  readonly key: Uint8Array | string
}

const PLAIN = 'p1'
const SEALED = 'e1'

/**
 * Turns tokens into the strings stored in Redis and back. Without keys: `p1.<JSON>`. With keys:
 * `e1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), AES-256-GCM with a fresh 12-byte IV per write and the Redis key
 * name as additional authenticated data, so a ciphertext copied under another key name does not decrypt.
 * The first key encrypts; every key decrypts (rotation). Plain values are still read when keys are set, so
 * turning encryption on needs no migration: the next write encrypts.
 */
export class TokenCodec {
  readonly #keys: ReadonlyMap<string, Buffer>
  readonly #current: { id: string; key: Buffer } | undefined

  constructor(keys: ReadonlyMap<string, Buffer>, currentId: string | undefined) {
    this.#keys = keys
    const current = currentId === undefined ? undefined : keys.get(currentId)
    this.#current = currentId !== undefined && current ? { id: currentId, key: current } : undefined
  }

  get encrypts(): boolean {
    return this.#current !== undefined
  }

  encode(token: StoredToken, aad: string): string {
    const json = JSON.stringify(token)
    const current = this.#current
    if (!current) return `${PLAIN}.${json}`
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', current.key, iv)
    cipher.setAAD(Buffer.from(aad))
    const sealed = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()])
    const parts = [SEALED, current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url')]
    return `${parts.join('.')}.${sealed.toString('base64url')}`
  }

  decode(value: string, aad: string): StoredToken {
    if (value.startsWith(`${PLAIN}.`)) return parseToken(value.slice(PLAIN.length + 1))
    if (!value.startsWith(`${SEALED}.`)) throw new TokenDecryptError('the stored value has an unknown format')
    const [, id, iv, tag, sealed] = value.split('.')
    const key = id === undefined ? undefined : this.#keys.get(id)
    if (!key || iv === undefined || tag === undefined || sealed === undefined) {
      throw new TokenDecryptError(
        key
          ? 'the stored ciphertext is malformed'
          : `the stored token is encrypted with key "${id}", which the store lacks`,
      )
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(aad))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      const json = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()])
      return parseToken(json.toString('utf8'))
    } catch (error) {
      if (error instanceof TokenDecryptError) throw error
      throw new TokenDecryptError(
        `the stored token does not decrypt with key "${id}" (tampered, or another key)`,
        {
          cause: error,
        },
      )
    }
  }
}

function parseToken(json: string): StoredToken {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    throw new TokenDecryptError('the stored token is not JSON', { cause: error })
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as StoredToken).access_token !== 'string'
  ) {
    throw new TokenDecryptError('the stored value is not a token (no access_token)')
  }
  return value as StoredToken
}
