import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { KeycloakToolError } from './errors.ts'

/** Keycloak 26.7 runs on Java 25 here (the machines carry Temurin 25 beside the default Java 17). */
export const REQUIRED_JAVA_MAJOR = 25
const JVM_ROOT = '/usr/lib/jvm'

export interface JavaHome {
  home: string
  major: number
}

/** Major version of `<home>/bin/java`, or undefined when it is missing or unreadable. */
export function javaMajor(home: string): number | undefined {
  const bin = join(home, 'bin', 'java')
  if (!existsSync(bin)) return undefined
  const result = spawnSync(bin, ['-version'], { encoding: 'utf8' })
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`)
  if (!match) return undefined
  const first = Number(match[1])
  // Java 8 and older print "1.8.0_..."
  return first === 1 ? Number(match[2]) : first
}

function candidates(env: NodeJS.ProcessEnv, jvmRoot: string): string[] {
  const list: string[] = []
  if (env.KEYCLOAK_JAVA_HOME) list.push(env.KEYCLOAK_JAVA_HOME)
  if (env.JAVA_HOME) list.push(env.JAVA_HOME)
  if (existsSync(jvmRoot)) {
    const dirs = readdirSync(jvmRoot).sort()
    list.push(
      ...dirs.filter((d) => d.startsWith(`temurin-${REQUIRED_JAVA_MAJOR}`)).map((d) => join(jvmRoot, d)),
    )
    list.push(...dirs.filter((d) => d.includes(`-${REQUIRED_JAVA_MAJOR}-`)).map((d) => join(jvmRoot, d)))
  }
  return [...new Set(list)]
}

/**
 * Finds a Java 25 home: KEYCLOAK_JAVA_HOME, then JAVA_HOME, then /usr/lib/jvm/temurin-25* (the default `java` on
 * PATH is often 17, which Keycloak 26.7 refuses).
 */
export function findJava(env: NodeJS.ProcessEnv = process.env, jvmRoot = JVM_ROOT): JavaHome {
  const seen: string[] = []
  for (const home of candidates(env, jvmRoot)) {
    const major = javaMajor(home)
    seen.push(`${home} (${major === undefined ? 'no java' : `Java ${major}`})`)
    if (major !== undefined && major >= REQUIRED_JAVA_MAJOR) return { home, major }
  }
  throw new KeycloakToolError(
    `Java ${REQUIRED_JAVA_MAJOR} is missing: Keycloak needs a JDK ${REQUIRED_JAVA_MAJOR}. ` +
      `Install one (e.g. Temurin ${REQUIRED_JAVA_MAJOR}) and set JAVA_HOME or KEYCLOAK_JAVA_HOME to it. ` +
      `Looked at: ${seen.length ? seen.join(', ') : `JAVA_HOME (unset), ${jvmRoot}/temurin-${REQUIRED_JAVA_MAJOR}* (none)`}`,
  )
}
