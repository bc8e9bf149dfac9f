import { createHash, randomBytes } from 'node:crypto'

/**
 * A random URL-safe string with `bytes` bytes of entropy (default 32), for `state`, `nonce` and `jti`.
 * Authlib's `generate_token`.
 *
 * @example
 * ```ts
 * const state = generateToken() // 43 characters of base64url
 * ```
 */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/**
 * A PKCE code verifier (RFC 7636 §4.1): 43 to 128 characters of base64url. The default, 64 bytes, gives 86.
 *
 * @example
 * ```ts
 * const verifier = createCodeVerifier()
 * const challenge = createS256CodeChallenge(verifier)
 * ```
 */
export function createCodeVerifier(bytes = 64): string {
  if (bytes < 32 || bytes > 96) throw new RangeError('a code verifier needs 32 to 96 random bytes')
  return randomBytes(bytes).toString('base64url')
}

/**
 * The S256 code challenge for a verifier: `BASE64URL(SHA256(ASCII(verifier)))` (RFC 7636 §4.2).
 *
 * @example
 * ```ts
 * createS256CodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')
 * // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 * ```
 */
export function createS256CodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}
