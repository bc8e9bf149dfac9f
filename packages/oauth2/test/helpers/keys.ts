import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose'

export interface TestKey {
  privateKey: CryptoKey
  privateJwk: JWK
  publicJwk: JWK
  kid: string
}

/** A fresh extractable signing key with a kid (RS256 unless told). */
export async function makeKey(kid: string, alg = 'RS256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' }
  return { privateKey, privateJwk, publicJwk, kid }
}

/** Signs claims the way an issuer would (iat/exp defaulted). */
export async function signIdToken(
  key: TestKey,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header })
    .sign(key.privateKey)
}
