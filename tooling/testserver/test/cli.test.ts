import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { basic, get } from './helpers.ts'

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
let child: ChildProcessWithoutNullStreams | undefined

async function startCli(args: string[]): Promise<Record<string, string>> {
  const spawned = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' })
  child = spawned
  const lines = createInterface({ input: spawned.stdout })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    spawned.once('exit', (code) => reject(new Error(`cli exited with ${code}`)))
  })
  return JSON.parse(first)
}

function exitCode(process: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (process.exitCode !== null) return Promise.resolve(process.exitCode)
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)))
}

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

describe('cli.ts (child-process mode)', () => {
  it('prints the httpbin url as one JSON line, serves it, and exits 0 on SIGTERM', async () => {
    const info = await startCli([])
    expect(Object.keys(info)).toEqual(['httpbin'])
    expect(info.httpbin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${info.httpbin}/get`)).status).toBe(200)
    child!.kill('SIGTERM')
    expect(await exitCode(child!)).toBe(0)
    await expect(fetch(`${info.httpbin}/get`)).rejects.toThrow()
  })

  it('starts https (with its CA and fingerprint) and an authenticated proxy on request', async () => {
    const info = await startCli(['--https', '--proxy-auth', 'u:p'])
    expect(info.https).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(info.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    const secure = await get(`${info.https}/get`, { ca: info.ca! })
    expect(secure.status).toBe(200)
    const proxied = await get(info.proxy!, {
      path: `${info.httpbin}/get`,
      headers: { 'proxy-authorization': basic('u', 'p') },
    })
    expect(proxied.status).toBe(200)
    child!.kill('SIGTERM')
    expect(await exitCode(child!)).toBe(0)
  })
})
