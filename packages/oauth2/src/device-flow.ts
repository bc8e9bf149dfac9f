import { setTimeout as sleep } from 'node:timers/promises'
import type { CallOptions } from './call-options.js'
import type { ClientCore } from './client-core.js'
import { OAuthError } from './errors/oauth-error.js'
import { readJson } from './http.js'
import { type DeviceAuthorizationResponse, deviceAuthorizationSchema } from './schemas.js'
import type { OAuth2Token } from './token.js'

/**
 * The device code grant type (RFC 8628 §3.4).
 *
 * @example
 * ```ts
 * await client.fetchToken(tokenUrl, { grantType: DEVICE_CODE_GRANT, deviceCode: device.device_code })
 * ```
 */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/**
 * How device polling waits. Durations in milliseconds.
 *
 * @example
 * ```ts
 * await client.pollDeviceToken(device, { signal: AbortSignal.timeout(120_000), onPending: ({ error }) => console.log(error) })
 * ```
 */
export interface DevicePollOptions extends CallOptions {
  /** Override the server's `interval` (default: the server's, else 5 s). */
  interval?: number | undefined
  /** Added to the interval on `slow_down` (default 5000, RFC 8628 §3.5). */
  slowDownIncrement?: number | undefined
  /** Stop polling, also mid-request (rejects with the signal's reason). `timeout` applies to each poll. */
  signal?: AbortSignal | undefined
  /** Called after each `authorization_pending` / `slow_down` answer. */
  onPending?: ((state: { error: string; interval: number; attempts: number }) => void) | undefined
}

/** Device authorization request (RFC 8628 §3.1): the validated response. */
export async function requestDeviceAuthorization(
  core: ClientCore,
  url: string,
  params: Record<string, string | readonly string[] | undefined>,
  call: CallOptions = {},
): Promise<DeviceAuthorizationResponse> {
  const response = await core.post(url, params, { ...call, what: 'the device authorization endpoint' })
  return readJson(response, deviceAuthorizationSchema, 'the device authorization endpoint')
}

/**
 * Polls the token endpoint until the user approves (RFC 8628 §3.4-3.5): waits `interval` between polls,
 * keeps going on `authorization_pending`, slows down on `slow_down`, and gives up with an `expired_token`
 * OAuthError once the device code's `expires_in` has passed. Any other error is thrown as is.
 */
export async function pollDeviceToken(
  core: ClientCore,
  tokenUrl: string,
  authorization: DeviceAuthorizationResponse,
  options: DevicePollOptions = {},
): Promise<OAuth2Token> {
  const deadline = Date.now() + authorization.expires_in * 1000
  let interval = options.interval ?? (authorization.interval ?? 5) * 1000
  for (let attempts = 1; ; attempts++) {
    await sleep(interval, undefined, options.signal ? { signal: options.signal } : {})
    if (Date.now() >= deadline) {
      throw new OAuthError('expired_token', {
        description: 'the device code expired before the user approved it',
      })
    }
    try {
      return await core.requestToken(
        tokenUrl,
        { grant_type: DEVICE_CODE_GRANT, device_code: authorization.device_code },
        { signal: options.signal, timeout: options.timeout },
      )
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error
      if (error.error === 'slow_down') interval += options.slowDownIncrement ?? 5000
      else if (error.error !== 'authorization_pending') throw error
      options.onPending?.({ error: error.error, interval, attempts })
    }
  }
}
