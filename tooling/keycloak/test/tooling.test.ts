// The CLI's own failure paths; these need no Keycloak (this file does not import support/env.ts).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { KeycloakToolError } from '../src/errors.ts'
import { findJava } from '../src/java.ts'
import { diagnoseLog } from '../src/logs.ts'
import { portTaken } from '@x/testserver'
import { startKeycloak } from '../src/server.ts'

const scratch = mkdtempSync(join(tmpdir(), 'xstack-keycloak-tooling-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function fakeJdk(root: string, name: string, version: string): string {
  const home = join(root, name)
  mkdirSync(join(home, 'bin'), { recursive: true })
  const java = join(home, 'bin', 'java')
  writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2026-01-01' >&2\n`)
  chmodSync(java, 0o755)
  return home
}

describe('findJava', () => {
  it('picks a Temurin 25 under the JVM root when JAVA_HOME is an older Java', () => {
    const root = join(scratch, 'jvm-ok')
    const old = fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15')
    const good = fakeJdk(root, 'temurin-25-jdk-amd64', '25.0.3')
    expect(findJava({ JAVA_HOME: old }, root)).toEqual({ home: good, major: 25 })
  })

  it('says what is missing and where it looked', () => {
    const root = join(scratch, 'jvm-old')
    const old = fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15')
    let error: unknown
    try {
      findJava({ JAVA_HOME: old }, root)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(KeycloakToolError)
    expect(String((error as Error).message)).toMatch(/^Java 25 is missing/)
    expect(String((error as Error).message)).toContain(`${old} (Java 17)`)
  })
})

describe('start failures', () => {
  it('refuses a configured port that is taken, before downloading anything', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      expect(await portTaken(port)).toBe(true)
      const cache = join(scratch, 'cache')
      const attempt = startKeycloak({
        env: { ...process.env, XSTACK_CACHE: cache, KEYCLOAK_PORT: String(port) },
      })
      await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 (KEYCLOAK_PORT) is taken`)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('explains a failed start from the log', () => {
    const log = 'INFO boot\nERROR [io.quarkus.runtime] Port(s) already in use: 8080\nmore'
    expect(diagnoseLog(log)).toBe('a port is taken: Port(s) already in use: 8080')
    const keycloak26 =
      'ERROR: io.quarkus.runtime.QuarkusBindException: Port already bound: 38556: Address already in use'
    expect(diagnoseLog(keycloak26)).toBe('a port is taken: Port already bound: 38556: Address already in use')
    expect(diagnoseLog('INFO x\n2026 ERROR [org.keycloak] boom\n')).toBe(
      'first error in the log: 2026 ERROR [org.keycloak] boom',
    )
    expect(diagnoseLog('INFO all good')).toBeUndefined()
  })
})
