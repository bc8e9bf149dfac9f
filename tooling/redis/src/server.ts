import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { RedisToolError } from './errors.ts'
import { ensureRedis, type RedisBinaries } from './install.ts'
import { freePort, portTaken } from '@x/testserver/ports'

const HOST = '127.0.0.1'

export interface RedisServerOptions {
  /** A fixed port; default a free one (with its cluster bus port, +10000, free too when `cluster`). */
  readonly port?: number | undefined
  /** Start with `cluster-enabled yes` (a node for createRedisCluster). */
  readonly cluster?: boolean | undefined
  /** Keep the server running after this process exits (the CLI's `start`); default false. */
  readonly detached?: boolean | undefined
  /** Folder for the log and, for cluster nodes, nodes.conf; default a new temp folder removed on stop. */
  readonly dir?: string | undefined
  readonly log?: ((line: string) => void) | undefined
}

/** Runs `redis-cli -p port <args>` and returns its output (trimmed). */
export function redisCli(bin: RedisBinaries, port: number, args: string[]): string {
  const result = spawnSync(bin.cli, ['-h', HOST, '-p', String(port), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  })
  if (result.status !== 0) {
    throw new RedisToolError(`redis-cli ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`)
  }
  return result.stdout.trim()
}

/** A free port whose cluster bus port (port + 10000) is free as well. */
async function freeClusterPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort()
    if (port + 10000 <= 65535 && !(await portTaken(port + 10000))) return port
  }
  throw new RedisToolError('found no free port whose cluster bus port (port + 10000) is free too')
}

/**
 * One redis-server on 127.0.0.1, in memory only (no RDB snapshots, no AOF), its log in a temp folder.
 * `stop()` kills it (SIGKILL: nothing to save) and removes the folder; `restart()` brings it back on the same port
 * with an empty dataset, as a Redis without persistence does after a crash.
 */
export class RedisServer {
  readonly port: number
  readonly dir: string
  readonly cluster: boolean
  readonly #bin: RedisBinaries
  readonly #ownsDir: boolean
  readonly #detached: boolean
  #child: ChildProcess | undefined
  #pid: number | undefined

  private constructor(
    bin: RedisBinaries,
    port: number,
    dir: string,
    ownsDir: boolean,
    options: RedisServerOptions,
  ) {
    this.#bin = bin
    this.port = port
    this.dir = dir
    this.#ownsDir = ownsDir
    this.cluster = options.cluster === true
    this.#detached = options.detached === true
  }

  /** Installs redis-server when missing (see ensureRedis), then starts one and waits until it answers PING. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const bin = ensureRedis({ log: options.log })
    const port = options.port ?? (options.cluster ? await freeClusterPort() : await freePort())
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'xstack-redis-'))
    const server = new RedisServer(bin, port, dir, options.dir === undefined, options)
    await server.#launch()
    return server
  }

  get url(): string {
    return `redis://${HOST}:${this.port}`
  }

  get pid(): number | undefined {
    return this.#pid
  }

  get logFile(): string {
    return join(this.dir, `redis-${this.port}.log`)
  }

  /** redis-cli against this server. */
  cli(...args: string[]): string {
    return redisCli(this.#bin, this.port, args)
  }

  async #launch(): Promise<void> {
    if (await portTaken(this.port)) throw new RedisToolError(`port ${this.port} on ${HOST} is taken`)
    const args = [
      '--bind',
      HOST,
      '--port',
      String(this.port),
      '--dir',
      this.dir,
      '--logfile',
      this.logFile,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
    ]
    if (this.cluster) {
      args.push(
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(this.dir, `nodes-${this.port}.conf`),
      )
      args.push('--cluster-node-timeout', '2000')
    }
    const child = spawn(this.#bin.server, args, { stdio: 'ignore', detached: this.#detached })
    if (this.#detached) child.unref()
    this.#child = child
    this.#pid = child.pid
    let exited: string | undefined
    child.once('exit', (code, signal) => {
      exited = `exited (${signal ?? code})`
    })
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (exited) break
      try {
        if (this.cli('PING') === 'PONG') return
      } catch {}
      await sleep(50)
    }
    throw new RedisToolError(
      `redis-server on port ${this.port} ${exited ?? 'did not answer PING within 10 s'}`,
      {
        logTail: this.logTail(),
      },
    )
  }

  /** The last lines of the server's log. */
  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    } catch {
      return ''
    }
  }

  /** Kills the server and waits until its port is free; the folder stays (see stop). */
  async kill(): Promise<void> {
    const pid = this.#pid
    if (pid === undefined) return
    const child = this.#child
    const exited =
      child && child.exitCode === null && child.signalCode === null
        ? new Promise<void>((resolve) => child.once('exit', () => resolve()))
        : undefined
    try {
      process.kill(pid, 'SIGKILL')
    } catch {}
    await exited
    this.#pid = undefined
    this.#child = undefined
    for (let i = 0; i < 100 && (await portTaken(this.port)); i++) await sleep(50)
  }

  /**
   * Starts it again on the same port: an empty dataset (nothing is persisted), but a cluster node keeps its
   * nodes.conf, so it rejoins its cluster with the same id and slots.
   */
  async restart(): Promise<void> {
    await this.kill()
    await this.#launch()
  }

  async stop(): Promise<void> {
    await this.kill()
    if (this.#ownsDir) rmSync(this.dir, { recursive: true, force: true })
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }
}

/** Stops a server another process started (the CLI's `stop`), by pid, and removes its folder. */
export async function stopDetached(pid: number, port: number, dir: string): Promise<boolean> {
  let killed = false
  try {
    process.kill(pid, 'SIGKILL')
    killed = true
  } catch {}
  for (let i = 0; i < 100 && (await portTaken(port)); i++) await sleep(50)
  if (dir.includes('xstack-redis-')) rmSync(dir, { recursive: true, force: true })
  return killed
}
