import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { RedisToolError } from './errors.ts'

/** Debian's package that ships redis-server, redis-cli and the cluster tooling (`redis-cli --cluster`). */
export const REDIS_PACKAGE = 'redis-server'

/** The absolute path of `name` on PATH (plus the sbin folders apt installs to), or undefined. */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin']
  for (const dir of dirs) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  return undefined
}

export interface RedisBinaries {
  readonly server: string
  readonly cli: string
}

/** redis-server and redis-cli when both are installed. */
export function findRedis(): RedisBinaries | undefined {
  const server = which('redis-server')
  const cli = which('redis-cli')
  return server && cli ? { server, cli } : undefined
}

function apt(args: string[], log: (line: string) => void): { ok: boolean; output: string } {
  log(`apt-get ${args.join(' ')}`)
  const result = spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 300_000,
  })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  return { ok: result.status === 0, output }
}

/**
 * redis-server and redis-cli, installed with `apt-get install -y redis-server` when missing (as root). The package
 * lists are refreshed (`apt-get update`) only when the first install fails, as on a CI machine whose lists are
 * stale or empty. Throws a RedisToolError saying why when Redis cannot be installed here.
 */
export function ensureRedis(options: { log?: ((line: string) => void) | undefined } = {}): RedisBinaries {
  const found = findRedis()
  if (found) return found
  const log = options.log ?? (() => {})
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new RedisToolError(
      `redis-server is not installed and this user (uid ${process.getuid()}) is not root, so ` +
        `\`apt-get install -y ${REDIS_PACKAGE}\` cannot run; install Debian's ${REDIS_PACKAGE} package`,
    )
  }
  if (!which('apt-get')) {
    throw new RedisToolError(
      `redis-server is not installed and this machine has no apt-get; install Redis ${'>='} 7 so that redis-server ` +
        'and redis-cli are on PATH',
    )
  }
  let install = apt(['install', '-y', '--no-install-recommends', REDIS_PACKAGE], log)
  if (!install.ok) {
    const update = apt(['update'], log)
    if (!update.ok) {
      throw new RedisToolError(`apt-get update failed, so ${REDIS_PACKAGE} cannot be installed`, {
        logTail: tail(update.output),
      })
    }
    install = apt(['install', '-y', '--no-install-recommends', REDIS_PACKAGE], log)
  }
  const installed = findRedis()
  if (!install.ok || !installed) {
    throw new RedisToolError(`apt-get install -y ${REDIS_PACKAGE} failed`, { logTail: tail(install.output) })
  }
  return installed
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}
