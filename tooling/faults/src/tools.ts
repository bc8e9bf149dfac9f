import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The toxiproxy version built from its Go module (the newest the module proxy serves for /v2). */
export const TOXIPROXY_VERSION = process.env.TOXIPROXY_VERSION ?? 'v2.5.0'

export interface FaultTools {
  readonly toxiproxy: string
  readonly nginx: string
  readonly squid: string
  /** squid's basic auth helper (checks a htpasswd-style file). */
  readonly squidBasicAuth: string
}

function cacheDir(): string {
  return process.env.XSTACK_CACHE ?? join(homedir(), '.cache', 'xstack')
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The absolute path of `name` on PATH or in the sbin folders apt installs to. */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin']
  for (const dir of dirs) {
    if (dir && executable(join(dir, name))) return join(dir, name)
  }
  return undefined
}

/** The tools when all are installed, else the list of what is missing. */
export function findTools(): FaultTools | string[] {
  const toxiproxy = join(cacheDir(), `toxiproxy-${TOXIPROXY_VERSION}`, 'bin', 'toxiproxy-server')
  const found = {
    toxiproxy: executable(toxiproxy) ? toxiproxy : undefined,
    nginx: which('nginx'),
    squid: which('squid'),
    squidBasicAuth: executable('/usr/lib/squid/basic_ncsa_auth')
      ? '/usr/lib/squid/basic_ncsa_auth'
      : undefined,
  }
  const missing = Object.entries(found)
    .filter(([, path]) => path === undefined)
    .map(([name]) => name)
  return missing.length > 0 ? missing : (found as FaultTools)
}

/**
 * Installs what is missing with scripts/install-tools.sh (toxiproxy from its Go module into the cache folder,
 * nginx-light and squid from Debian as root), then returns the tools. Throws, with the script's reasons, when a
 * tool cannot be installed here: the suite fails loudly instead of skipping.
 */
export function ensureTools(log: (line: string) => void = console.log): FaultTools {
  const before = findTools()
  if (!Array.isArray(before)) return before
  const script = fileURLToPath(new URL('../scripts/install-tools.sh', import.meta.url))
  log(`faults: installing ${before.join(', ')} (scripts/install-tools.sh)`)
  const started = performance.now()
  const result = spawnSync('bash', [script], { encoding: 'utf8', timeout: 900_000 })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
  for (const line of output.split('\n')) log(`faults: ${line}`)
  log(`faults: install took ${Math.round((performance.now() - started) / 1000)} s`)
  const after = findTools()
  if (Array.isArray(after)) {
    throw new Error(
      `faults: cannot run the fault suite, missing ${after.join(', ')}:\n${output || `exit ${result.status}`}`,
    )
  }
  return after
}
