import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** One `.netrc` entry. */
export interface NetrcEntry {
  login: string
  password: string
}

/** Parse `.netrc` text into `host -> entry` (`''` holds `default`). `macdef` blocks are skipped. */
export function parseNetrc(text: string): Map<string, NetrcEntry> {
  const out = new Map<string, NetrcEntry>()
  const lines = text.split(/\r?\n/)
  const tokens: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (/^\s*macdef\b/.test(line)) {
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') i++
      continue
    }
    tokens.push(
      ...(line.replace(/(^|\s)#.*$/, '').match(/"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/^"|"$/g, '')),
    )
  }
  let host: string | undefined
  let entry: NetrcEntry = { login: '', password: '' }
  const flush = (): void => {
    if (host !== undefined) out.set(host, entry)
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t === 'machine' || t === 'default') {
      flush()
      host = t === 'default' ? '' : (tokens[++i] ?? '')
      entry = { login: '', password: '' }
    } else if (t === 'login' || t === 'user') entry.login = tokens[++i] ?? ''
    else if (t === 'password') entry.password = tokens[++i] ?? ''
    else if (t === 'account') i++
  }
  flush()
  return out
}

const cache = new Map<string, Map<string, NetrcEntry> | null>()

/** The parsed `.netrc` (`$NETRC`, `~/.netrc` or `~/_netrc`), or `null` when there is none. Read once per file. */
export function loadNetrc(env: NodeJS.ProcessEnv = process.env): Map<string, NetrcEntry> | null {
  const files = env.NETRC ? [env.NETRC] : [join(homedir(), '.netrc'), join(homedir(), '_netrc')]
  for (const file of files) {
    let parsed = cache.get(file)
    if (parsed === undefined) {
      try {
        parsed = parseNetrc(readFileSync(file, 'utf8'))
      } catch {
        parsed = null
      }
      cache.set(file, parsed)
    }
    if (parsed) return parsed
  }
  return null
}

/** Credentials for `url`'s host in a parsed `.netrc` (its `default` entry otherwise). */
export function netrcAuth(netrc: Map<string, NetrcEntry> | null, url: string): [string, string] | undefined {
  if (!netrc || netrc.size === 0) return undefined
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return undefined
  }
  const e = netrc.get(host) ?? netrc.get('')
  return e ? [e.login, e.password] : undefined
}

/**
 * requests' `get_netrc_auth`: credentials for `url`'s host from `$NETRC`, `~/.netrc` or `~/_netrc`.
 * Files are read once per process and cached (requests reads them on every request).
 */
export function getNetrcAuth(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): [string, string] | undefined {
  return netrcAuth(loadNetrc(env), url)
}

/** Forget cached `.netrc` files (tests, or after editing the file). */
export function clearNetrcCache(): void {
  cache.clear()
}
