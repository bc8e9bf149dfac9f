import { createHash } from 'node:crypto'
import type { CryptoKey, JWK, KeyObject } from 'jose'
import { jose } from './jose.js'
import { defaultAlgorithm, type PrivateKeyInput, toSigningKey } from './client-auth.js'
import { generateToken } from './pkce.js'

/**
 * A DPoP key pair (RFC 9449): the private key signs proofs, the public one goes in their header.
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = await generateKeyPair('ES256')
 * const client = new OAuth2Session({ clientId: 'app', dpop: { privateKey, publicKey } })
 * ```
 */
export interface DPoPKeyPair {
  /**
   * The private key that signs DPoP proofs.
   * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.2
   */
  privateKey: PrivateKeyInput
  /**
   * The public key, sent as the `jwk` header of each proof.
   * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.2
   */
  publicKey: JWK | KeyObject | CryptoKey
  /** JWS algorithm; derived from the key when absent (ES256 for P-256). */
  alg?: string | undefined
}

interface Loaded {
  key: KeyObject | CryptoKey | Uint8Array
  jwk: JWK
  alg: string
}

/**
 * Signs DPoP proofs (RFC 9449 §4) and remembers the last `DPoP-Nonce` each origin sent (§8).
 * Without a key pair, an ES256 pair is generated on first use and kept for the life of the signer.
 */
export class DPoPSigner {
  readonly #given: DPoPKeyPair | undefined
  #loaded: Promise<Loaded> | undefined
  readonly #nonces = new Map<string, string>()

  constructor(keyPair?: DPoPKeyPair) {
    this.#given = keyPair
  }

  #load(): Promise<Loaded> {
    this.#loaded ??= (async (): Promise<Loaded> => {
      const { exportJWK, generateKeyPair } = await jose()
      if (!this.#given) {
        const pair = await generateKeyPair('ES256', { extractable: true })
        const jwk = await exportJWK(pair.publicKey)
        return {
          key: pair.privateKey,
          jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as JWK,
          alg: 'ES256',
        }
      }
      const alg = this.#given.alg ?? defaultAlgorithm(this.#given.privateKey)
      const key = await toSigningKey(this.#given.privateKey, alg)
      const pub = this.#given.publicKey
      const full =
        'kty' in pub && typeof pub.kty === 'string'
          ? (pub as JWK)
          : await exportJWK(pub as KeyObject | CryptoKey)
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...jwk } = full
      return { key, jwk, alg }
    })()
    return this.#loaded as Promise<Loaded>
  }

  /** JWK SHA-256 thumbprint of the public key (`dpop_jkt` for authorization requests, §10). */
  async thumbprint(): Promise<string> {
    return (await jose()).calculateJwkThumbprint((await this.#load()).jwk, 'sha256')
  }

  /** A proof for one request; `accessToken` binds it to a token with `ath` (resource requests). */
  async proof(method: string, url: string, accessToken?: string): Promise<string> {
    const { key, jwk, alg } = await this.#load()
    const { SignJWT } = await jose()
    const target = new URL(url)
    const htu = `${target.origin}${target.pathname}`
    const payload: Record<string, string | number> = {
      jti: generateToken(16),
      htm: method.toUpperCase(),
      htu,
      iat: Math.floor(Date.now() / 1000),
    }
    const nonce = this.#nonces.get(target.origin)
    if (nonce) payload.nonce = nonce
    if (accessToken) payload.ath = createHash('sha256').update(accessToken).digest('base64url')
    return new SignJWT(payload).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk }).sign(key)
  }

  /** Records the `DPoP-Nonce` a server sent; returns true when it is new (a retry may help). */
  observe(url: string, nonce: string | undefined | null): boolean {
    if (!nonce) return false
    const origin = new URL(url).origin
    if (this.#nonces.get(origin) === nonce) return false
    this.#nonces.set(origin, nonce)
    return true
  }
}

/** True for a response asking for a (new) DPoP nonce: 400 `use_dpop_nonce` or a 401 DPoP challenge with it. */
export function wantsDPoPNonce(
  status: number,
  wwwAuthenticate: string | undefined | null,
  body: string,
): boolean {
  if (status === 401) return /use_dpop_nonce/.test(wwwAuthenticate ?? '')
  return status === 400 && body.includes('use_dpop_nonce')
}
