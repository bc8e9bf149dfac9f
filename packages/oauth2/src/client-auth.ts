import type { CryptoKey, JWK, KeyObject } from 'jose'
import { jose } from './jose.js'
import type { KeyObject as NodeKeyObject } from 'node:crypto'
import { generateToken } from './pkce.js'

/** A private key for `private_key_jwt` (and DPoP): a JWK with its private part, a KeyObject or a CryptoKey. */
export type PrivateKeyInput = JWK | KeyObject | CryptoKey

/** What a client authentication method may read and change on a request to a token-like endpoint. */
export interface ClientAuthContext {
  /**
   * The client identifier.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3
   */
  readonly clientId: string
  /** The client secret, when the session has one. */
  readonly clientSecret: string | undefined
  /**
   * The private key for `private_key_jwt`, when the session has one.
   * @see https://www.rfc-editor.org/rfc/rfc7523#section-2.2
   */
  readonly privateKey: PrivateKeyInput | undefined
  /** The endpoint being called (the audience of client assertions). */
  readonly url: string
  /** The HTTP method of the request (`POST` for token endpoints). */
  readonly method: string
  /** Request headers; set `authorization` here for header-based methods. */
  headers: Record<string, string>
  /** Form body parameters; add `client_id`, `client_assertion`, ... here. */
  params: Record<string, string | readonly string[] | undefined>
}

/**
 * A client authentication method (RFC 6749 §2.3, OpenID Connect Core §9): it changes the request in place.
 *
 * @example
 * ```ts
 * const apiKey: ClientAuthMethod = (ctx) => { ctx.headers['x-api-key'] = ctx.clientSecret ?? '' }
 * session.registerClientAuthMethod('api_key', apiKey)
 * ```
 */
export type ClientAuthMethod = (context: ClientAuthContext) => void | Promise<void>

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

function requireSecret(ctx: ClientAuthContext, method: string): string {
  if (ctx.clientSecret === undefined)
    throw new TypeError(`client authentication "${method}" needs a clientSecret`)
  return ctx.clientSecret
}

// RFC 6749 §2.3.1: client_id and secret are form-urlencoded before they are joined and base64-encoded.
const basicPart = (s: string) => encodeURIComponent(s).replace(/%20/g, '+')

/** Signing algorithm for a private key when the JWK does not name one. */
export function defaultAlgorithm(key: PrivateKeyInput): string {
  const jwk = key as JWK
  if (typeof jwk.alg === 'string') return jwk.alg
  const kty = 'kty' in jwk ? jwk.kty : undefined
  const type = (key as NodeKeyObject).asymmetricKeyType ?? (key as CryptoKey).algorithm?.name
  if (kty === 'EC' || type === 'ec' || type === 'ECDSA') {
    const crv = jwk.crv ?? (key as NodeKeyObject).asymmetricKeyDetails?.namedCurve
    return crv === 'P-384' || crv === 'secp384r1'
      ? 'ES384'
      : crv === 'P-521' || crv === 'secp521r1'
        ? 'ES512'
        : 'ES256'
  }
  if (kty === 'OKP' || type === 'ed25519' || type === 'Ed25519') return 'EdDSA'
  return 'RS256'
}

/** Imports a JWK private key (other key types pass through). */
export async function toSigningKey(
  key: PrivateKeyInput,
  alg: string,
): Promise<KeyObject | CryptoKey | Uint8Array> {
  if ('kty' in key && typeof key.kty === 'string') return (await jose()).importJWK(key as JWK, alg)
  return key as KeyObject | CryptoKey
}

async function clientAssertion(
  ctx: ClientAuthContext,
  key: KeyObject | CryptoKey | Uint8Array,
  alg: string,
  kid?: string,
) {
  const { SignJWT } = await jose()
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({})
    .setProtectedHeader(kid ? { alg, kid, typ: 'JWT' } : { alg, typ: 'JWT' })
    .setIssuer(ctx.clientId)
    .setSubject(ctx.clientId)
    .setAudience(ctx.url)
    .setJti(generateToken(16))
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(key)
}

/** The built-in methods, by their registered names. */
export const builtinClientAuthMethods: Readonly<Record<string, ClientAuthMethod>> = {
  none(ctx) {
    ctx.params.client_id = ctx.clientId
  },
  client_secret_basic(ctx) {
    const secret = requireSecret(ctx, 'client_secret_basic')
    const pair = `${basicPart(ctx.clientId)}:${basicPart(secret)}`
    ctx.headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`
  },
  client_secret_post(ctx) {
    ctx.params.client_id = ctx.clientId
    ctx.params.client_secret = requireSecret(ctx, 'client_secret_post')
  },
  async client_secret_jwt(ctx) {
    const secret = new TextEncoder().encode(requireSecret(ctx, 'client_secret_jwt'))
    ctx.params.client_id = ctx.clientId
    ctx.params.client_assertion_type = ASSERTION_TYPE
    ctx.params.client_assertion = await clientAssertion(ctx, secret, 'HS256')
  },
  async private_key_jwt(ctx) {
    if (!ctx.privateKey) throw new TypeError('client authentication "private_key_jwt" needs a privateKey')
    const alg = defaultAlgorithm(ctx.privateKey)
    const key = await toSigningKey(ctx.privateKey, alg)
    const kid = (ctx.privateKey as JWK).kid
    ctx.params.client_id = ctx.clientId
    ctx.params.client_assertion_type = ASSERTION_TYPE
    ctx.params.client_assertion = await clientAssertion(ctx, key, alg, kid)
  },
}
