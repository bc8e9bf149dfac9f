import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { BoundedCache } from '@x/pool'
import { RECHECK_INTERVAL, readFileFresh } from '../util/file-cache.js'

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

const parsed = new Map<string, { signature: string; netrc: Map<string, NetrcEntry> }>()

let home: string | undefined
let homeFiles: readonly string[] = []

/** `~/.netrc` and `~/_netrc`, joined again only when the home directory changes (this runs on every module-level call). */
function homeNetrcFiles(): readonly string[] {
  const dir = homedir()
  if (dir !== home) {
    home = dir
    homeFiles = [join(dir, '.netrc'), join(dir, '_netrc')]
  }
  return homeFiles
}

/**
 * Paths found missing, with when (ms): looked for again at most once per {@link RECHECK_INTERVAL}. A process looks
 * for two or three paths; at most 64, so that a `$NETRC` changed again and again cannot grow it without end.
 */
const missing = new BoundedCache<string, number>(64)

/**
 * Whether `file` exists. Most machines have no .netrc, and a module-level call reads the environment on every
 * call: a miss is remembered for a second rather than paying two syscalls (2-5 µs under load) per request.
 * existsSync answers without building an ENOENT error (statSync's throw cost more than the rest of a get).
 */
function netrcExists(file: string, now: number): boolean {
  const since = missing.get(file)
  if (since !== undefined && now - since < RECHECK_INTERVAL) return false
  if (existsSync(file)) {
    missing.delete(file)
    return true
  }
  missing.set(file, now)
  return false
}

/**
 * The parsed `.netrc` (`$NETRC`, `~/.netrc` or `~/_netrc`), or `null` when there is none. An existing file is
 * stat'ed on each call (a session calls this when it reads its environment: at its first request and on
 * `refreshEnvironment()`) and parsed again when it changed; a missing one is looked for again after a second
 * (or after {@link forgetMissingNetrc}).
 */
export function loadNetrc(
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): Map<string, NetrcEntry> | null {
  const netrcVariable = env.NETRC
  const files = netrcVariable ? [netrcVariable] : homeNetrcFiles()
  for (const file of files) {
    if (!netrcExists(file, now)) continue
    let fresh: { text: string; signature: string }
    try {
      fresh = readFileFresh(file, true)
    } catch {
      continue
    }
    let entry = parsed.get(file)
    if (entry?.signature !== fresh.signature) {
      entry = { signature: fresh.signature, netrc: parseNetrc(fresh.text) }
      parsed.set(file, entry)
    }
    return entry.netrc
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
 * The file is parsed again when it changed (requests reads it on every request).
 */
export function getNetrcAuth(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): [string, string] | undefined {
  return netrcAuth(loadNetrc(env), url)
}

/** Look for `.netrc` files found missing again on the next read (`session.refreshEnvironment()`). */
export function forgetMissingNetrc(): void {
  missing.clear()
}

/** Forget cached `.netrc` files (tests, or after editing the file). */
export function clearNetrcCache(): void {
  parsed.clear()
  missing.clear()
}
