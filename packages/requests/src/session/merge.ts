import { CaseInsensitiveDict } from '../case-insensitive-dict.js'
import { checkHeader, type HeadersInput } from '../util/headers.js'
import { type Proxies, shouldBypassProxies } from '../util/proxies.js'
import type { Environment } from './environment.js'
import { type ParamsInput, paramPairs } from '../util/url.js'

/** requests' `merge_setting` for headers: request values override, `null`/`undefined` remove a session header. */
export function mergeHeaders(
  session: CaseInsensitiveDict<string>,
  request: HeadersInput | Readonly<Record<string, string | null | undefined>> | null | undefined,
): CaseInsensitiveDict<string> {
  if (!request) return session
  const out = session.copy()
  const it =
    request instanceof CaseInsensitiveDict || Symbol.iterator in Object(request)
      ? (request as Iterable<readonly [string, unknown]>)
      : Object.entries(request)
  for (const [k, v] of it) {
    if (v === undefined || v === null) {
      out.delete(k)
      continue
    }
    checkHeader(k, v)
    out.set(k, v as string)
  }
  return out
}

/** requests' `merge_setting` for params: objects/pairs merge (request keys replace), anything else: request wins. */
export function mergeParams(
  session: ParamsInput | undefined,
  request: ParamsInput | null | undefined,
): ParamsInput | undefined {
  if (request === undefined || request === null) return session
  if (session === undefined || typeof session === 'string' || typeof request === 'string') return request
  const req = paramPairs(request)
  const names = new Set(req.map(([k]) => k))
  const explicitNull = Object.entries(
    request instanceof URLSearchParams || Symbol.iterator in Object(request) ? {} : request,
  )
    .filter(([, v]) => v === null)
    .map(([k]) => k)
  for (const k of explicitNull) names.add(k)
  return [...paramPairs(session).filter(([k]) => !names.has(k)), ...req]
}

/**
 * requests' `merge_environment_settings` for proxies: when `trustEnv`, environment proxies fill the schemes the
 * explicit ones leave out, unless `NO_PROXY` (or `proxies.no_proxy`) excludes the URL. `undefined` when no proxy
 * is configured at all (the common case, kept cheap).
 */
export function environmentProxies(
  url: string,
  explicit: Proxies | undefined,
  env: Environment | undefined,
): Proxies | undefined {
  const proxies = explicit && hasKeys(explicit) ? explicit : undefined
  if (!env) return proxies
  const e = env.proxies
  if (!e.http && !e.https && !e.all) return proxies
  const noProxy = proxies?.no_proxy ?? env.noProxy
  if (noProxy && shouldBypassProxies(new URL(url), noProxy)) return proxies
  return { ...e, ...proxies }
}

/**
 * requests' `merge_environment_settings` for verify: `REQUESTS_CA_BUNDLE` / `CURL_CA_BUNDLE` when verify is true.
 * Only https URLs verify anything, so plain http does not read the variables.
 */
export function environmentVerify(
  verify: boolean | string,
  env: Environment | undefined,
  url: string,
): boolean | string {
  if (verify !== true || !env || !/^https:/i.test(url)) return verify
  return env.caBundle ?? true
}

/** `Object.keys(o).length > 0` without building the array (called on every request). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true
  return false
}
