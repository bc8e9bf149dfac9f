// A scenario is plain JSON that both sides interpret: Python's names and units (seconds), so the same text
// drives urllib3/requests/Authlib and, mapped by src/ours.ts, @x/pool/@x/requests/@x/oauth2.

export type Pkg = 'pool' | 'requests' | 'oauth2'

export interface Scenario {
  /** `area/what`, unique; differences.ts refers to scenarios by id prefix. */
  id: string
  pkg: Pkg
  /** Environment variables set while the scenario runs (placeholders allowed). */
  env?: Record<string, string>
  /** Files written under `{tmp}` before the scenario runs (a .netrc...). */
  files?: Record<string, string>
  /** requests: Session attributes. */
  session?: {
    headers?: Record<string, string>
    auth?: [string, string]
    params?: Record<string, string>
    cookies?: Record<string, string>
    max_redirects?: number
    trust_env?: boolean
    retries?: RetrySpec | number | false
  }
  /** urllib3: PoolManager arguments. */
  manager?: { headers?: Record<string, string>; retries?: RetrySpec | number | false; timeout?: TimeoutSpec }
  /** Authlib: OAuth2Session arguments. */
  client?: Record<string, unknown>
  /** Keys whose values change on every run (tokens from Keycloak, `iat`...): compared by type only. */
  volatile?: string[]
  steps: Step[]
}

export interface RetrySpec {
  total?: number | null
  connect?: number
  read?: number
  redirect?: number | false
  status?: number
  allowed_methods?: string[] | null
  status_forcelist?: number[]
  backoff_factor?: number
  backoff_max?: number
  respect_retry_after_header?: boolean
  retry_after_max?: number
  raise_on_redirect?: boolean
  raise_on_status?: boolean
}

export interface TimeoutSpec {
  connect?: number
  read?: number
  total?: number
}

export type Read =
  | 'json'
  | 'text'
  | 'apparent'
  | 'content'
  | 'iter_content'
  | 'iter_lines'
  | 'raise_for_status'
  | 'data'
  | 'stream'
  | 'read_amt'

export interface Step {
  method?: string
  url?: string
  kwargs?: Record<string, unknown>
  read?: Read
  chunk_size?: number
  amt?: number
  /** Authlib operations. */
  op?:
    | 'fetch_token'
    | 'refresh_token'
    | 'revoke_token'
    | 'introspect_token'
    | 'request'
    | 'set_token'
    | 'is_expired'
  args?: Record<string, unknown>
}

/** Bytes in scenario JSON. */
export const b64 = (bytes: Uint8Array | string): { b64: string } => ({
  b64: Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes).toString('base64'),
})

export function unbytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unbytes)
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === 'b64')
      return new Uint8Array(Buffer.from((value as { b64: string }).b64, 'base64'))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unbytes(v)]))
  }
  return value
}
