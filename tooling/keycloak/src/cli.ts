#!/usr/bin/env node
// Keycloak for the @x stack: `node tooling/keycloak/src/cli.ts <command>` (Node >= 22.18 strips the types).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { keycloakPaths } from './config.ts'
import { ensureDownloaded } from './download.ts'
import { runToolCli } from '@x/testserver/tool-cli'
import { KeycloakToolError } from './errors.ts'
import { findJava } from './java.ts'
import { tailLog } from './logs.ts'
import { keycloakStatus, REALM, startKeycloak, stopKeycloak } from './server.ts'

const USAGE = `usage: node tooling/keycloak/src/cli.ts <command>
  download        fetch and unpack Keycloak into $XSTACK_CACHE (default ~/.cache/xstack), reused when present
  start           start Keycloak on 127.0.0.1 and wait until ready; prints KEYCLOAK_URL=...
  stop            stop the Keycloak that start left running
  status          print whether it runs (exit 0) or not (exit 1)
  logs [-n N]     print the last N lines (default 100) of the Keycloak log
  suite [args]    run the integration suite (vitest) against $KEYCLOAK_URL, or a Keycloak started for it
env: KEYCLOAK_URL, KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT, KEYCLOAK_VERSION, KEYCLOAK_START_TIMEOUT (s),
     JAVA_HOME / KEYCLOAK_JAVA_HOME (a JDK 25), XSTACK_CACHE`

const info = (line: string) => process.stderr.write(`keycloak: ${line}\n`)

function printLogTail(lines = 60): void {
  const tail = tailLog(keycloakPaths().logFile, lines)
  if (tail) process.stderr.write(`----- last lines of ${keycloakPaths().logFile} -----\n${tail}\n-----\n`)
}

async function start(): Promise<number> {
  const { state, reused, timings } = await startKeycloak({ log: info })
  process.stdout.write(
    `KEYCLOAK_URL=${state.url}\nKEYCLOAK_PID=${state.pid}\nKEYCLOAK_REUSED=${reused ? 1 : 0}\n`,
  )
  if (!reused) {
    info(
      `timings: download ${(timings.downloadMs / 1000).toFixed(1)} s, start ${(timings.startMs / 1000).toFixed(1)} s`,
    )
  }
  return 0
}

async function status(): Promise<number> {
  const current = await keycloakStatus()
  if (!current.running) {
    process.stdout.write('not running\n')
    return 1
  }
  const { state, ready } = current
  process.stdout.write(
    `${ready ? 'ready' : 'starting'} KEYCLOAK_URL=${state.url} pid=${state.pid} since=${state.startedAt} log=${state.logFile}\n`,
  )
  return ready ? 0 : 1
}

function runVitest(args: string[], keycloakUrl: string): Promise<number> {
  const require = createRequire(import.meta.url)
  const vitestPackage = require.resolve('vitest/package.json')
  const bin = (JSON.parse(readFileSync(vitestPackage, 'utf8')) as { bin: { vitest: string } }).bin.vitest
  const packageDir = keycloakPaths().packageDir
  const child = spawn(
    process.execPath,
    [join(dirname(vitestPackage), bin), 'run', '--config', join(packageDir, 'vitest.config.ts'), ...args],
    { cwd: packageDir, stdio: 'inherit', env: { ...process.env, KEYCLOAK_URL: keycloakUrl } },
  )
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
  })
}

/** A KEYCLOAK_URL that does not answer, or lacks the realm, fails here with one line instead of in every test. */
async function checkGivenKeycloak(url: string): Promise<void> {
  const discovery = `${url}/realms/${REALM}/.well-known/openid-configuration`
  let status: number
  try {
    const response = await fetch(discovery, { signal: AbortSignal.timeout(10_000) })
    await response.body?.cancel()
    status = response.status
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const detail = cause?.code ?? cause?.message ?? (error as Error).message
    throw new KeycloakToolError(`KEYCLOAK_URL=${url} does not answer (${detail})`, {
      cause: error,
    })
  }
  if (status !== 200) {
    throw new KeycloakToolError(
      `KEYCLOAK_URL=${url} has no ${REALM} realm (${discovery} answered ${status}): import ` +
        'tooling/keycloak/data/import/xstack-realm.json, or unset KEYCLOAK_URL to let the suite start Keycloak',
    )
  }
}

async function suite(args: string[]): Promise<number> {
  const given = process.env.KEYCLOAK_URL
  if (given) {
    const url = given.replace(/\/+$/, '')
    await checkGivenKeycloak(url)
    return runVitest(args, url)
  }
  const suiteStart = Date.now()
  const { state, reused } = await startKeycloak({ log: info })
  if (!reused) {
    // Ctrl-C or a CI timeout reaches vitest and us alike: stop the server before leaving
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void stopKeycloak().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
      })
    }
  }
  let code = 1
  try {
    code = await runVitest(args, state.url)
  } finally {
    if (code !== 0) printLogTail()
    if (!reused) await stopKeycloak()
  }
  info(`suite finished in ${((Date.now() - suiteStart) / 1000).toFixed(1)} s (exit ${code})`)
  return code
}

async function main(command: string, rest: string[]): Promise<number | undefined> {
  switch (command) {
    case 'download': {
      const paths = keycloakPaths()
      const started = Date.now()
      const { serverDir, downloaded } = ensureDownloaded(paths, { javaHome: findJava().home, log: info })
      info(
        downloaded ? `downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already downloaded',
      )
      process.stdout.write(`${serverDir}\n`)
      return 0
    }
    case 'start':
      return start()
    case 'stop':
      info((await stopKeycloak()) ? 'stopped' : 'not running')
      return 0
    case 'status':
      return status()
    case 'logs': {
      const n = rest[0] === '-n' ? Number(rest[1]) : 100
      process.stdout.write(`${tailLog(keycloakPaths().logFile, Number.isFinite(n) && n > 0 ? n : 100)}\n`)
      return 0
    }
    case 'suite':
      return suite(rest)
    default:
      return undefined
  }
}

runToolCli({
  usage: USAGE,
  info,
  run: main,
  isToolFailure: (error) => error instanceof KeycloakToolError,
  logTailTitle: 'last lines of the Keycloak log',
})
