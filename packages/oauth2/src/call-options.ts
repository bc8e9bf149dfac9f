import type { TimeoutInput } from '@x/requests'

/**
 * Per-call options of every endpoint call (token, revocation, introspection, device authorization, PAR,
 * userinfo, discovery...): `signal` abandons the call (it rejects with the signal's reason, as `fetch` does),
 * `timeout` replaces the session's timeout for this call (milliseconds, as `@x/requests`' `timeout`).
 *
 * @example
 * ```ts
 * await client.fetchToken(tokenUrl, { grantType: 'client_credentials', signal: AbortSignal.timeout(5_000), timeout: 2_000 })
 * await client.introspectToken(undefined, undefined, undefined, { timeout: { connect: 1_000, read: 3_000 } })
 * ```
 */
// A type alias (not an interface) so that a CallOptions value fits the options that also take form parameters.
export type CallOptions = {
  /** Abandons the call; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** This call's timeout, in place of the session's. */
  timeout?: TimeoutInput | undefined
}

/** Only the call options of `options` (so they are never sent as form parameters). */
export function callOptions(options: CallOptions | undefined): CallOptions {
  const call: CallOptions = {}
  if (options?.signal !== undefined) call.signal = options.signal
  if (options?.timeout !== undefined) call.timeout = options.timeout
  return call
}
