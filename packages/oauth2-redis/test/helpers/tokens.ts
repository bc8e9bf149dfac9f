import type { StoredToken } from '@x/oauth2'

/** A token expiring `seconds` from now. */
export function tokenFor(name: string, seconds = 300): StoredToken {
  return {
    access_token: `at-${name}`,
    refresh_token: `rt-${name}`,
    token_type: 'Bearer',
    expires_in: seconds,
    expires_at: Math.floor(Date.now() / 1000) + seconds,
  }
}

/** A renew callback like a session's: keeps a token that is not due, else "asks the token endpoint" (counted). */
export function renewer(options: { delayMs?: number; seconds?: number } = {}) {
  const calls = { requests: 0, seen: [] as (StoredToken | undefined)[] }
  const renew = async (current: StoredToken | undefined): Promise<StoredToken> => {
    calls.seen.push(current)
    if (
      current &&
      typeof current.expires_at === 'number' &&
      current.expires_at * 1000 - 60_000 > Date.now()
    ) {
      return current
    }
    calls.requests++
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
    return tokenFor(
      `renewed-${calls.requests}-${Math.random().toString(36).slice(2)}`,
      options.seconds ?? 300,
    )
  }
  return { calls, renew }
}
