import { jose } from './jose.js'
import type { ClientCore } from './client-core.js'
import { InvalidResponseError } from './errors/invalid-response-error.js'
import { type HttpResponse, readJson } from './http.js'
import { type UserInfo, userinfoSchema } from './schemas.js'

/**
 * Reads a UserInfo response (OpenID Connect Core §5.3): JSON, or a JWT signed by the issuer. The `sub` must
 * equal the ID token's (§5.3.4) when that is known.
 */
export async function readUserinfo(
  core: ClientCore,
  response: HttpResponse,
  expectedSub?: string,
): Promise<UserInfo> {
  const type = response.headers.get('content-type') ?? ''
  let claims: UserInfo
  if (response.status === 200 && /^application\/jwt\b/i.test(type)) {
    const jwks = await core.jwks()
    try {
      const { jwtVerify } = await jose()
      const { payload } = await jwtVerify(response.text.trim(), jwks.getKey, {
        clockTolerance: Math.round(core.clockSkew / 1000),
        ...(core.issuer ? { issuer: core.issuer } : {}),
        audience: core.clientId,
      })
      claims = (await userinfoSchema()).parse(payload)
    } catch (error) {
      throw new InvalidResponseError('the signed UserInfo response does not validate', {
        status: response.status,
        response: response.raw,
        cause: error,
      })
    }
  } else {
    claims = await readJson(response, userinfoSchema, 'the userinfo endpoint')
  }
  if (expectedSub !== undefined && claims.sub !== expectedSub) {
    throw new InvalidResponseError('the UserInfo sub differs from the ID token sub', {
      error: 'invalid_userinfo',
      status: response.status,
      response: response.raw,
    })
  }
  return claims
}
