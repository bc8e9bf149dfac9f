import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

/** A child process whose output is kept (the last lines are shown when it fails) and which `stop()` ends. */
export class Child {
  readonly #child: ChildProcess
  readonly #name: string
  #output = ''

  constructor(name: string, command: string, args: string[]) {
    this.#name = name
    this.#child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-8192)
    }
    this.#child.stdout?.on('data', keep)
    this.#child.stderr?.on('data', keep)
  }

  get pid(): number | undefined {
    return this.#child.pid
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null
  }

  /** The end of what it printed, for error messages. */
  get output(): string {
    return `${this.#name}: ${this.#output.trim().split('\n').slice(-15).join('\n')}`
  }

  /** Sends `signal` (SIGTERM by default; SIGKILL after 5 s) to this process only, and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exited) return
    const exit = once(this.#child, 'exit')
    this.#child.kill(signal)
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000)
    await exit
    clearTimeout(timer)
  }
}
