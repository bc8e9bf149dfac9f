/** Starts src/server.ts in child processes and waits for the port(s) it prints. */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

export interface ServerHandle {
  origin: string
  port: number
  ports: number[]
  processes: number
  close(): Promise<void>
}

const SERVER = new URL('./server.ts', import.meta.url)

async function startOne(
  args: string[],
): Promise<{ child: ChildProcess; line: { port?: number; ports?: number[] } }> {
  const child = spawn(process.execPath, [SERVER.pathname, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  try {
    for await (const text of lines) {
      lines.close()
      return { child, line: JSON.parse(text) as { port?: number; ports?: number[] } }
    }
  } finally {
    clearTimeout(timer)
  }
  throw new Error(`bench server exited before printing its port (code ${child.exitCode})`)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

/**
 * One server process, or `processes` sharing one port through SO_REUSEPORT (the kernel spreads connections).
 * With `ports`, one process listening on that many ports (1000 origins).
 */
export async function startServer(
  options: { processes?: number; ports?: number } = {},
): Promise<ServerHandle> {
  if (options.ports !== undefined) {
    const { child, line } = await startOne(['--ports', String(options.ports)])
    const ports = line.ports ?? []
    const port = ports[0] ?? 0
    return { origin: `http://127.0.0.1:${port}`, port, ports, processes: 1, close: () => stop(child) }
  }
  const count = Math.max(1, options.processes ?? 1)
  const first = await startOne(count > 1 ? ['--reuse-port'] : [])
  const port = first.line.port ?? 0
  const children = [first.child]
  for (let i = 1; i < count; i++) {
    children.push((await startOne(['--reuse-port', '--port', String(port)])).child)
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    ports: [port],
    processes: count,
    close: async () => {
      await Promise.all(children.map(stop))
    },
  }
}
