/** Runs a measuring child process (fresh heap, own RSS) and reads the JSON line it prints last. */
import { spawn } from 'node:child_process'

export function runChild<T>(script: URL, args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script.pathname, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as T)
      const why = signal === 'SIGKILL' ? `killed after ${timeoutMs} ms` : `exit ${code ?? signal}`
      const lines = err.trim().split('\n')
      const cause = lines.find((l) => /^\w*Error\b.*:/.test(l)) ?? lines.at(-1) ?? ''
      reject(new Error(`${why}: ${cause.trim().slice(0, 200)}`))
    })
  })
}

/** Baseline and peak RSS for a child: interval samples plus the kernel's high-water mark. */
export class PeakTracker {
  #peak = 0
  #timer: NodeJS.Timeout
  #maxBefore: number
  readonly baseline: number

  constructor(intervalMs = 10) {
    globalThis.gc?.()
    this.baseline = process.memoryUsage.rss()
    this.#maxBefore = process.resourceUsage().maxRSS * 1024
    this.#timer = setInterval(() => this.sample(), intervalMs)
  }

  sample(): void {
    const rss = process.memoryUsage.rss()
    if (rss > this.#peak) this.#peak = rss
  }

  /** Peak RSS since construction: the kernel's maxRSS counts only if it rose after the baseline. */
  stop(): number {
    clearInterval(this.#timer)
    this.sample()
    const maxAfter = process.resourceUsage().maxRSS * 1024
    return maxAfter > this.#maxBefore ? Math.max(maxAfter, this.#peak) : this.#peak
  }
}
