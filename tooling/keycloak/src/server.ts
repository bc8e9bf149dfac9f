import { spawn } from 'node:child_process'
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { KEYCLOAK_FEATURES, type KeycloakPaths, keycloakPaths } from './config.ts'
import { ensureDownloaded } from './download.ts'
import { KeycloakToolError } from './errors.ts'
import { findJava } from './java.ts'
import { diagnoseLog, tailLog } from './logs.ts'
import { freePort, portTaken } from '@x/testserver/ports'
import { groupMembers, isKeycloakProcess, processAlive, signalGroup, sleep } from './process.ts'

export const REALM = 'xstack'
const HOST = '127.0.0.1'

/** What `start` records in `$XSTACK_CACHE/keycloak-state.json` so `stop`/`status` in later processes find it. */
export interface KeycloakState {
  pid: number
  url: string
  managementUrl: string
  version: string
  logFile: string
  startedAt: string
}

export interface StartResult {
  state: KeycloakState
  /** True when a server started earlier (by another command) was already running and is reused. */
  reused: boolean
  timings: { downloadMs: number; startMs: number }
}

export function readState(paths: KeycloakPaths = keycloakPaths()): KeycloakState | undefined {
  if (!existsSync(paths.stateFile)) return undefined
  try {
    return JSON.parse(readFileSync(paths.stateFile, 'utf8')) as KeycloakState
  } catch {
    return undefined
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/** Ready means: health/ready says UP and the committed realm's discovery document is served. */
export async function isReady(state: KeycloakState): Promise<boolean> {
  return (
    (await answers(`${state.managementUrl}/health/ready`)) &&
    (await answers(`${state.url}/realms/${REALM}/.well-known/openid-configuration`))
  )
}

async function choosePort(variable: string, env: NodeJS.ProcessEnv): Promise<number> {
  const configured = env[variable]
  if (!configured) return freePort()
  const port = Number(configured)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new KeycloakToolError(`${variable}=${configured} is not a port number`)
  }
  if (await portTaken(port)) {
    throw new KeycloakToolError(
      `port ${port} on ${HOST} (${variable}) is taken by another process: free it, or choose another port, ` +
        `or unset ${variable} to use a free one`,
    )
  }
  return port
}

function copyRealmFiles(paths: KeycloakPaths): void {
  const target = join(paths.serverDir, 'data', 'import')
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  for (const file of readdirSync(paths.importDir).filter((f) => f.endsWith('.json'))) {
    copyFileSync(join(paths.importDir, file), join(target, file))
  }
}

function startTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.KEYCLOAK_START_TIMEOUT || 300)
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000
}

async function waitReady(state: KeycloakState, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!processAlive(state.pid)) {
      const tail = tailLog(state.logFile)
      const why = diagnoseLog(tail) ?? 'see the log'
      throw new KeycloakToolError(`Keycloak exited during start-up: ${why}`, { logTail: tail })
    }
    if (await isReady(state)) return
    await sleep(500)
  }
  throw new KeycloakToolError(
    `Keycloak was not ready after ${Math.round(timeoutMs / 1000)} s (KEYCLOAK_START_TIMEOUT to wait longer): ` +
      (diagnoseLog(tailLog(state.logFile, 400)) ?? 'no error in the log'),
    { logTail: tailLog(state.logFile) },
  )
}

function launch(paths: KeycloakPaths, javaHome: string, port: number, managementPort: number): number {
  const args = [
    join(paths.serverDir, 'bin', 'kc.sh'),
    'start-dev',
    `--http-host=${HOST}`,
    `--http-port=${port}`,
    `--http-management-host=${HOST}`,
    `--http-management-port=${managementPort}`,
    '--health-enabled=true',
    // in-memory H2: every start begins from the committed realm file, nothing leaks between runs
    '--db=dev-mem',
    '--import-realm',
    `--features=${KEYCLOAK_FEATURES.join(',')}`,
  ]
  mkdirSync(paths.cache, { recursive: true })
  const log = openSync(paths.logFile, 'w')
  try {
    const child = spawn('bash', args, {
      cwd: paths.serverDir,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        JAVA_HOME: javaHome,
        PATH: `${join(javaHome, 'bin')}:${process.env.PATH ?? ''}`,
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin',
      },
    })
    child.unref()
    if (child.pid === undefined) throw new KeycloakToolError('could not spawn bash bin/kc.sh')
    return child.pid
  } finally {
    closeSync(log)
  }
}

/**
 * Serialises the "is one running? else download and launch" step between concurrent `start`s (two terminals,
 * two turbo tasks): a lock directory in the cache holding the owner's pid; a lock whose owner died is taken over.
 */
async function withStartLock<T>(paths: KeycloakPaths, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  const lock = `${paths.stateFile}.lock`
  const owner = join(lock, 'pid')
  const deadline = Date.now() + timeoutMs
  mkdirSync(paths.cache, { recursive: true })
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(owner, String(process.pid))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(existsSync(owner) ? readFileSync(owner, 'utf8') : Number.NaN)
      if (Number.isInteger(pid) && !processAlive(pid)) rmSync(lock, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new KeycloakToolError(`another start holds ${lock} (pid ${pid})`)
      else await sleep(500)
    }
  }
  try {
    return await body()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

type Launch =
  | { reused: true; state: KeycloakState }
  | { reused: false; state: KeycloakState; downloadMs: number; started: number }

async function launchUnlessRunning(
  paths: KeycloakPaths,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
) {
  const previous = readState(paths)
  if (previous && isKeycloakProcess(previous.pid)) return { reused: true, state: previous } satisfies Launch
  rmSync(paths.stateFile, { force: true })
  const java = findJava(env)
  // checked before a download so a taken port fails fast
  const port = await choosePort('KEYCLOAK_PORT', env)
  const managementPort = await choosePort('KEYCLOAK_MANAGEMENT_PORT', env)
  const downloadStart = Date.now()
  const { downloaded } = ensureDownloaded(paths, { javaHome: java.home, log })
  const downloadMs = downloaded ? Date.now() - downloadStart : 0
  if (downloaded) log(`downloaded and unpacked in ${(downloadMs / 1000).toFixed(1)} s`)
  copyRealmFiles(paths)
  const started = Date.now()
  const pid = launch(paths, java.home, port, managementPort)
  const state: KeycloakState = {
    pid,
    url: `http://${HOST}:${port}`,
    managementUrl: `http://${HOST}:${managementPort}`,
    version: paths.version,
    logFile: paths.logFile,
    startedAt: new Date(started).toISOString(),
  }
  writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`)
  log(
    `starting Keycloak ${paths.version} (Java ${java.major}, pid ${pid}) on ${state.url}, log ${paths.logFile}`,
  )
  return { reused: false, state, downloadMs, started } satisfies Launch
}

/**
 * Starts Keycloak in dev mode on 127.0.0.1 (downloading it first when the cache lacks it) and waits until it is
 * ready; reuses a server a previous `start` left running. The server outlives this process: `stopKeycloak` ends it.
 */
export async function startKeycloak(
  options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<StartResult> {
  const env = options.env ?? process.env
  const log = options.log ?? (() => {})
  const paths = keycloakPaths(env)
  const timeoutMs = startTimeoutMs(env)
  const launched: Launch = await withStartLock(paths, timeoutMs, () => launchUnlessRunning(paths, env, log))
  if (launched.reused) {
    log(`Keycloak already started (pid ${launched.state.pid}), waiting until it is ready`)
    await waitReady(launched.state, timeoutMs)
    return { state: launched.state, reused: true, timings: { downloadMs: 0, startMs: 0 } }
  }
  try {
    await waitReady(launched.state, timeoutMs)
  } catch (error) {
    await stopKeycloak({ env })
    throw error
  }
  const startMs = Date.now() - launched.started
  log(`Keycloak ready in ${(startMs / 1000).toFixed(1)} s`)
  return { state: launched.state, reused: false, timings: { downloadMs: launched.downloadMs, startMs } }
}

/** Stops the server recorded in the state file (TERM to its process group, KILL after 30 s). */
export async function stopKeycloak(options: { env?: NodeJS.ProcessEnv } = {}): Promise<boolean> {
  const paths = keycloakPaths(options.env ?? process.env)
  const state = readState(paths)
  if (!state) return false
  // only a group that still runs Keycloak: a stale state file's pid may belong to something else by now
  const ours = () => groupMembers(state.pid).filter(isKeycloakProcess)
  let members = ours()
  if (members.length > 0) {
    signalGroup(state.pid, 'SIGTERM')
    const deadline = Date.now() + 30_000
    while (members.length > 0 && Date.now() < deadline) {
      await sleep(250)
      members = ours()
    }
    if (members.length > 0) signalGroup(state.pid, 'SIGKILL')
  }
  rmSync(paths.stateFile, { force: true })
  return true
}

export type KeycloakStatus = { running: false } | { running: true; ready: boolean; state: KeycloakState }

export async function keycloakStatus(options: { env?: NodeJS.ProcessEnv } = {}): Promise<KeycloakStatus> {
  const state = readState(keycloakPaths(options.env ?? process.env))
  if (!state || !isKeycloakProcess(state.pid)) return { running: false }
  return { running: true, ready: await isReady(state), state }
}
