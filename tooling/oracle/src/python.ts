// The Python side: a venv with the pinned libraries (scripts/venv.sh) and one worker process per test file that
// runs scenarios sent as JSON lines (python/runner.py).
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Creates the venv when missing (pip install of python/requirements.txt) and returns its python. */
export function ensureVenv(): string {
  return execFileSync('bash', [`${root}scripts/venv.sh`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim()
}

export interface PythonWorker {
  versions: Record<string, string>
  run(scenario: unknown): Promise<Record<string, unknown>>
  close(): Promise<void>
}

export async function startPython(python: string): Promise<PythonWorker> {
  const child: ChildProcessWithoutNullStreams = spawn(python, [`${root}python/runner.py`], {
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' },
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  const lines: Interface = createInterface({ input: child.stdout })
  const waiting: ((line: string) => void)[] = []
  const buffered: string[] = []
  lines.on('line', (line) => {
    const next = waiting.shift()
    if (next) next(line)
    else buffered.push(line)
  })
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`python worker exited (${code}): ${stderr}`))),
  )
  exited.catch(() => {})
  const nextLine = () =>
    Promise.race([
      new Promise<string>((resolve) => {
        const line = buffered.shift()
        if (line !== undefined) resolve(line)
        else waiting.push(resolve)
      }),
      exited,
    ])
  const ready = JSON.parse(await nextLine()) as { ready: Record<string, string>; python: string }
  let queue: Promise<unknown> = Promise.resolve()
  return {
    versions: { ...ready.ready, python: ready.python },
    run(scenario) {
      const result = queue.then(async () => {
        child.stdin.write(`${JSON.stringify(scenario)}\n`)
        const out = JSON.parse(await nextLine()) as Record<string, unknown>
        if (typeof out.crash === 'string') throw new Error(`python runner crashed:\n${out.crash}`)
        return out
      })
      queue = result.catch(() => {})
      return result
    },
    async close() {
      child.stdin.end()
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve(undefined)
        else child.on('exit', resolve)
      })
    },
  }
}
