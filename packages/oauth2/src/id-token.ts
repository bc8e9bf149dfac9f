import type { JWTPayload } from 'jose'
import { jose } from './jose.js'
import { InvalidIdTokenError } from './errors/invalid-id-token-error.js'
import type { JwksCache } from './jwks.js'

/** What an ID token is checked against (OpenID Connect Core §3.1.3.7). */
export interface IdTokenChecks {
  issuer: string
  clientId: string
  jwks: JwksCache
  /** The nonce sent in the authorization request; required in the token when given. */
  nonce?: string | undefined
  /** Allowed clock difference, milliseconds. */
  clockSkew: number
  /** Allowed signing algorithms (asymmetric only; `none` and HMAC are never accepted). */
  algorithms?: readonly string[] | undefined
  /** With `max_age` requests: the longest time since `auth_time`, seconds. */
  maxAge?: number | undefined
}

/**
 * Claims of a validated ID token.
 *
 * @example
 * ```ts
 * const claims: IdTokenClaims = await client.validateIdToken(token.id_token!, { nonce })
 * claims.sub
 * ```
 */
export type IdTokenClaims = JWTPayload & {
  /** The issuer, checked against the provider's. */
  iss: string
  /** The subject: the user's identifier at the provider. */
  sub: string
  /** The audience, which must include the client id. */
  aud: string | string[]
  /** Expiry, in seconds since the epoch (checked, with the clock skew allowed). */
  exp: number
  /** Issue time, in seconds since the epoch. */
  iat: number
}

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/

function fail(description: string, cause?: unknown): never {
  throw new InvalidIdTokenError(description, cause === undefined ? {} : { cause })
}

function describeJoseError(error: unknown, errors: Awaited<ReturnType<typeof jose>>['errors']): string {
  if (error instanceof errors.JWTExpired) return 'the ID token has expired (exp)'
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the ID token claim "${error.claim}" is invalid: ${error.reason}`
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the ID token signature does not verify'
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the issuer's JWKS matches the ID token"
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the ID token is signed with an algorithm that is not allowed'
  if (error instanceof errors.JOSEError) return `the ID token is malformed (${error.code})`
  return 'the ID token could not be validated'
}

/**
 * Validates an ID token: signature against the issuer's JWKS, then `iss`, `aud`, `azp`, `exp`, `iat`,
 * `nonce` (and `auth_time` with `maxAge`), allowing `clockSkew`.
 */
export async function validateIdToken(idToken: string, checks: IdTokenChecks): Promise<IdTokenClaims> {
  const algorithms = (
    checks.algorithms ?? [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
      'Ed25519',
    ]
  ).filter((alg) => ASYMMETRIC.test(alg))
  const clockTolerance = Math.round(checks.clockSkew / 1000)
  const { errors, jwtVerify } = await jose()
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(idToken, checks.jwks.getKey, {
      algorithms,
      issuer: checks.issuer,
      audience: checks.clientId,
      clockTolerance,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }))
  } catch (error) {
    fail(describeJoseError(error, errors), error)
  }
  const now = Math.floor(Date.now() / 1000)
  if (typeof payload.iat !== 'number' || payload.iat > now + clockTolerance)
    fail('the ID token was issued in the future (iat)')
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp === undefined) {
    fail('the ID token has several audiences and no azp')
  }
  if (payload.azp !== undefined && payload.azp !== checks.clientId)
    fail('the ID token was issued to another party (azp)')
  if (checks.nonce !== undefined && payload.nonce !== checks.nonce)
    fail('the ID token nonce does not match the one sent')
  if (checks.maxAge !== undefined) {
    if (typeof payload.auth_time !== 'number')
      fail('the ID token lacks auth_time although max_age was requested')
    if (payload.auth_time + checks.maxAge + clockTolerance < now)
      fail('the authentication is older than max_age')
  }
  return payload as IdTokenClaims
}
