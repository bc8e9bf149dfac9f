import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { KeycloakPaths } from './config.ts'
import { KeycloakToolError } from './errors.ts'

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy'

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

function lastLines(text: string, count = 20): string {
  // strips Maven's ANSI colours
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '')
  return plain.trim().split('\n').slice(-count).join('\n')
}

/** True when `serverDir` holds an unpacked distribution (the unpack renames into place, so it is complete). */
export function isDownloaded(paths: KeycloakPaths): boolean {
  return existsSync(join(paths.serverDir, 'bin', 'kc.sh')) && existsSync(join(paths.serverDir, 'lib'))
}

/** Fetches `org.keycloak:keycloak-quarkus-dist:<version>:zip` with Maven into `dir`, returns the zip path. */
function fetchZip(paths: KeycloakPaths, dir: string): string {
  if (!onPath('mvn')) {
    throw new KeycloakToolError(
      'mvn is missing: the Keycloak distribution is downloaded with Maven ' +
        `(org.keycloak:keycloak-quarkus-dist:${paths.version}:zip). Install Maven 3 and put mvn on PATH.`,
    )
  }
  const artifact = `org.keycloak:keycloak-quarkus-dist:${paths.version}:zip`
  const result = spawnSync(
    'mvn',
    ['-q', '-B', DEPENDENCY_PLUGIN, `-Dartifact=${artifact}`, `-DoutputDirectory=${dir}`],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  const zip = join(dir, `keycloak-quarkus-dist-${paths.version}.zip`)
  if (result.status !== 0 || !existsSync(zip)) {
    const output = lastLines(`${result.stdout ?? ''}\n${result.stderr ?? ''}`)
    throw new KeycloakToolError(
      `download failed: mvn could not fetch ${artifact} (exit ${result.status ?? result.signal}).\n${output}`,
    )
  }
  return zip
}

function unpack(zip: string, into: string, javaHome: string | undefined): void {
  const jar = javaHome ? join(javaHome, 'bin', 'jar') : undefined
  const result = onPath('unzip')
    ? spawnSync('unzip', ['-q', '-o', zip, '-d', into], { encoding: 'utf8' })
    : jar && existsSync(jar)
      ? spawnSync(jar, ['xf', zip], { cwd: into, encoding: 'utf8' })
      : undefined
  if (!result)
    throw new KeycloakToolError('cannot unpack the Keycloak zip: neither unzip nor a JDK jar tool found')
  if (result.status !== 0) {
    throw new KeycloakToolError(
      `unpacking ${zip} failed:\n${lastLines(`${result.stdout}\n${result.stderr}`)}`,
    )
  }
}

/**
 * Makes sure the distribution is unpacked in the cache (outside the clone) and returns its directory. Downloads
 * with Maven only when it is missing; the unpack goes to a temporary folder renamed into place, so an interrupted
 * download never leaves a half server behind.
 */
export function ensureDownloaded(
  paths: KeycloakPaths,
  options: { javaHome?: string; log?: (line: string) => void } = {},
): { serverDir: string; downloaded: boolean } {
  if (isDownloaded(paths)) return { serverDir: paths.serverDir, downloaded: false }
  const log = options.log ?? (() => {})
  const work = join(paths.cache, `.keycloak-${paths.version}.download-${process.pid}`)
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  try {
    log(`downloading Keycloak ${paths.version} with mvn into ${paths.cache}`)
    const zip = fetchZip(paths, work)
    const unpacked = join(work, 'unpacked')
    mkdirSync(unpacked)
    unpack(zip, unpacked, options.javaHome)
    const top = readdirSync(unpacked)
    const root = top.length === 1 && top[0] ? join(unpacked, top[0]) : unpacked
    if (!existsSync(join(root, 'bin', 'kc.sh'))) {
      throw new KeycloakToolError(`the downloaded zip has no bin/kc.sh (found: ${top.join(', ')})`)
    }
    rmSync(paths.serverDir, { recursive: true, force: true })
    renameSync(root, paths.serverDir)
    return { serverDir: paths.serverDir, downloaded: true }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
