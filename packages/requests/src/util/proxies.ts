import { BlockList, isIP } from 'node:net'

/**
 * `{ http: 'http://proxy:3128', https: ..., 'https://host': ..., all: ..., 'all://host': ..., no_proxy: 'a,b' }`
 *
 * @example
 * ```ts
 * new Session({ proxies: { http: 'http://127.0.0.1:3128', https: 'http://127.0.0.1:3128', no_proxy: 'localhost' } })
 * ```
 */
export type Proxies = Readonly<Record<string, string | null | undefined>>

/**
 * requests' `select_proxy`: the most specific entry wins — `scheme://host`, `scheme`, `all://host`, `all`.
 *
 * @example
 * ```ts
 * selectProxy('https://api.test/x', { https: 'http://proxy:3128' }) // 'http://proxy:3128'
 * ```
 */
export function selectProxy(url: URL, proxies: Proxies | undefined): string | undefined {
  if (!proxies) return undefined
  const scheme = url.protocol.slice(0, -1)
  const host = url.hostname
  const keys = [`${scheme}://${host}`, scheme, `all://${host}`, 'all']
  for (const k of keys) {
    const v = proxies[k]
    if (v) return v
  }
  return undefined
}

/** The variable names per scheme, lower case first (it wins, as in Python's `getproxies`). */
const PROXY_VARIABLES = [
  ['http', 'http_proxy', 'HTTP_PROXY'],
  ['https', 'https_proxy', 'HTTPS_PROXY'],
  ['all', 'all_proxy', 'ALL_PROXY'],
] as const

/** `*_PROXY` environment variables as a proxies map (lower case wins, as in Python's `getproxies`). */
export function getEnvironProxies(environ: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {}
  // Read on every module-level call (a fresh session each): names are constants, no case conversion per call.
  for (const [scheme, lower, upper] of PROXY_VARIABLES) {
    const v = environ[lower] || environ[upper]
    if (v) out[scheme] = v
  }
  return out
}

function bracketless(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host
}

function matchCidr(ip: string, entry: string): boolean {
  const [net, bits] = entry.split('/')
  const family = isIP(net ?? '')
  if (!family || family !== isIP(ip) || bits === undefined) return false
  const list = new BlockList()
  try {
    list.addSubnet(net!, Number(bits), family === 6 ? 'ipv6' : 'ipv4')
  } catch {
    return false
  }
  return list.check(ip, family === 6 ? 'ipv6' : 'ipv4')
}

function matchEntry(host: string, port: string, entry: string): boolean {
  let e = entry.trim().toLowerCase()
  if (!e) return false
  if (e === '*') return true
  if (e.includes('/')) return matchCidr(host, e)
  let entryPort: string | undefined
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(e)
  if (m) {
    e = m[1]!
    entryPort = m[2]
  }
  if (entryPort !== undefined && entryPort !== port) return false
  e = bracketless(e)
  if (isIP(host)) return host === e
  if (e.startsWith('*.')) e = e.slice(1)
  if (e.startsWith('.')) return host.endsWith(e) || host === e.slice(1)
  return host === e || host.endsWith(`.${e}`)
}

/**
 * requests' `should_bypass_proxies`: whether `NO_PROXY` (or the `noProxy` argument) excludes `url`. Entries are
 * hosts (also matching subdomains), `.domains`, `host:port`, CIDR blocks (`10.0.0.0/8`, `::1/128`) or `*`.
 */
export function shouldBypassProxies(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false
  const host = bracketless(url.hostname.toLowerCase())
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return noProxy.split(',').some((entry) => matchEntry(host, port, entry))
}

/**
 * requests' `resolve_proxies`: an explicit entry of `proxies` wins (unless `proxies.no_proxy` excludes the host);
 * then, when `trustEnv`, the environment's `*_PROXY`, unless `NO_PROXY` excludes the host.
 */
export function resolveProxy(
  url: URL,
  proxies: Proxies | undefined,
  trustEnv: boolean,
  environ: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const explicitNoProxy = proxies?.no_proxy ?? undefined
  if (explicitNoProxy && shouldBypassProxies(url, explicitNoProxy)) return undefined
  const explicit = selectProxy(url, proxies)
  if (explicit || !trustEnv) return explicit
  if (shouldBypassProxies(url, environ.no_proxy || environ.NO_PROXY || undefined)) return undefined
  return selectProxy(url, getEnvironProxies(environ))
}
