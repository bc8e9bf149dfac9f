/** Writes a run's JSON, Markdown and SVG, and refreshes the README's results section after a full run. */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchResult } from './report.ts'

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
const START = '<!-- bench:latest:start -->'
const END = '<!-- bench:latest:end -->'

function stamp(date: string): string {
  return date.slice(0, 16).replace('T', '-').replace(':', '')
}

export interface Saved {
  dir: string
  files: string[]
}

export async function saveResults(r: BenchResult, md: string, svg: string, persist: boolean): Promise<Saved> {
  const dir = persist ? join(BENCH_DIR, 'results') : join(tmpdir(), 'x-bench')
  await mkdir(dir, { recursive: true })
  const json = `${JSON.stringify(r, null, 2)}\n`
  const names = persist ? [`${stamp(r.meta.date)}-${r.meta.mode}`, 'latest'] : ['last']
  const files: string[] = []
  for (const name of names) {
    for (const [ext, text] of [
      ['json', json],
      ['md', md],
      ['svg', svg],
    ] as const) {
      const file = join(dir, `${name}.${ext}`)
      await writeFile(file, text)
      files.push(file)
    }
  }
  if (persist && r.meta.mode === 'full') await updateReadme(md)
  return { dir, files }
}

/** Replaces the README section between the bench:latest markers with the run's Markdown and the chart. */
async function updateReadme(md: string): Promise<void> {
  const file = join(BENCH_DIR, 'README.md')
  const readme = await readFile(file, 'utf8').catch(() => '')
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) return
  const body = `${START}\n\n![throughput vs concurrency](results/latest.svg)\n\n${md.replace(/^## /, '### ').replace(/\n### /g, '\n#### ')}\n${END}`
  await writeFile(file, readme.slice(0, start) + body + readme.slice(end + END.length))
}
