// N worker processes (support/worker.ts) driven over IPC, as N replicas of a service sharing one Redis.
import { type ChildProcess, fork } from 'node:child_process'
import type { BurstResult, Command, WorkerConfig } from './worker.ts'

const WORKER = new URL('./worker.ts', import.meta.url).pathname

export class Worker {
  readonly child: ChildProcess
  #next = 0
  readonly #waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  readonly ready: Promise<void>

  constructor() {
    this.child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] })
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code, signal) =>
        reject(new Error(`worker exited (${signal ?? code}) before ready`)),
      )
      this.child.on(
        'message',
        (message: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
          if (message.ready) return resolve()
          const waiter = this.#waiting.get(message.id ?? -1)
          if (!waiter) return
          this.#waiting.delete(message.id ?? -1)
          if (message.error !== undefined) waiter.reject(new Error(`worker: ${message.error}`))
          else waiter.resolve(message.result)
        },
      )
    })
    this.child.on('exit', (code, signal) => {
      for (const waiter of this.#waiting.values())
        waiter.reject(new Error(`worker exited (${signal ?? code})`))
      this.#waiting.clear()
    })
  }

  send<T = unknown>(command: Command): Promise<T> {
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.child.send({ id, ...command })
    })
  }

  setup(config: WorkerConfig): Promise<void> {
    return this.send({ cmd: 'setup', config })
  }

  burst(n: number, url: string): Promise<BurstResult> {
    return this.send({ cmd: 'burst', n, url })
  }

  kill(): void {
    this.child.kill('SIGKILL')
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    await this.send({ cmd: 'close' }).catch(() => {})
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))])
    this.child.kill('SIGKILL')
  }
}

export class Fleet {
  readonly workers: Worker[]

  private constructor(workers: Worker[]) {
    this.workers = workers
  }

  static async start(n: number): Promise<Fleet> {
    const fleet = new Fleet(Array.from({ length: n }, () => new Worker()))
    await Promise.all(fleet.workers.map((worker) => worker.ready))
    return fleet
  }

  async setup(config: WorkerConfig): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.setup(config)))
  }

  /** Every worker fires `n` concurrent requests at once; the results summed. */
  async burst(n: number, url: string): Promise<{ ok: number; failures: Record<string, number> }> {
    const results = await Promise.all(this.workers.map((worker) => worker.burst(n, url)))
    const failures: Record<string, number> = {}
    for (const result of results) {
      for (const [label, count] of Object.entries(result.failures))
        failures[label] = (failures[label] ?? 0) + count
    }
    return { ok: results.reduce((sum, result) => sum + result.ok, 0), failures }
  }

  expire(): Promise<unknown[]> {
    return Promise.all(this.workers.map((worker) => worker.send({ cmd: 'expire' })))
  }

  async pending(): Promise<number> {
    const counts = await Promise.all(this.workers.map((worker) => worker.send<number>({ cmd: 'pending' })))
    return counts.reduce((sum, count) => sum + count, 0)
  }

  /** Whether every worker's Redis client is connected. */
  async connected(): Promise<boolean> {
    const states = await Promise.all(this.workers.map((worker) => worker.send<boolean>({ cmd: 'connected' })))
    return states.every(Boolean)
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()))
  }
}
