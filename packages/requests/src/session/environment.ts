import { loadNetrc, type NetrcEntry } from '../auth/netrc.js'
import { getEnvironProxies } from '../util/proxies.js'

/** What a session takes from the environment when `trustEnv` is on. */
export interface Environment {
  /** `http`/`https`/`all` from `*_PROXY` (empty when none). */
  proxies: Record<string, string>
  /** `NO_PROXY`. */
  noProxy: string | undefined
  /** `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE`. */
  caBundle: string | undefined
  netrc: Map<string, NetrcEntry> | null
}

/**
 * Read the environment once (requests reads it on every request; reading `process.env` costs on the hot path).
 * A session keeps this snapshot; `session.refreshEnvironment()` reads it again.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return {
    proxies: getEnvironProxies(env),
    noProxy: env.no_proxy || env.NO_PROXY || undefined,
    caBundle: env.REQUESTS_CA_BUNDLE || env.CURL_CA_BUNDLE || undefined,
    netrc: loadNetrc(env),
  }
}
