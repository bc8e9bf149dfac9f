import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ensureVenv } from '../src/python.js'
import { summary } from '../src/summary.js'

declare module 'vitest' {
  export interface ProvidedContext {
    python: string
    results: string
  }
}

export default function setup(project: TestProject) {
  const started = performance.now()
  const python = ensureVenv()
  const results = join(tmpdir(), `oracle-results-${process.pid}.jsonl`)
  rmSync(results, { force: true })
  project.provide('python', python)
  project.provide('results', results)
  return () => {
    let lines: string[] = []
    try {
      lines = readFileSync(results, 'utf8').trim().split('\n').filter(Boolean)
    } catch {}
    rmSync(results, { force: true })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    process.stdout.write(`\n${summary(lines.map((l) => JSON.parse(l)))}\noracle: ${seconds} s\n`)
  }
}
