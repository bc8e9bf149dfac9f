/** A hand-written SVG line chart: throughput against concurrency for the 1 KiB JSON workload. */
import type { WorkloadResult } from './report.ts'
import { JSON_CONCURRENCY, jsonWorkloadId } from './workloads.ts'

const COLORS = [
  '#999999',
  '#8c564b',
  '#1f77b4',
  '#17becf',
  '#9467bd',
  '#ff7f0e',
  '#bcbd22',
  '#7f7f7f',
  '#e377c2',
  '#2ca02c',
  '#d62728',
  '#000000',
]

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(v, 1)))
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= v) ?? 10) * p
}

export function renderChart(workloads: readonly WorkloadResult[], subtitle: string): string {
  const W = 900
  const H = 460
  const left = 70
  const right = 300
  const top = 50
  const bottom = 50
  const plotW = W - left - right
  const plotH = H - top - bottom
  const columns = JSON_CONCURRENCY.map((c) => workloads.find((w) => w.id === jsonWorkloadId(c)))
  const names = new Map<string, { name: string; ours: boolean }>()
  for (const w of columns) for (const r of w?.results ?? []) names.set(r.key, { name: r.name, ours: r.ours })
  const value = (i: number, key: string) => {
    const r = columns[i]?.results.find((x) => x.key === key)
    return r === undefined || r.skipped !== undefined ? undefined : r.rps
  }
  const all = [...names.keys()].flatMap((k) => JSON_CONCURRENCY.map((_, i) => value(i, k) ?? 0))
  const yMax = niceMax(Math.max(1, ...all))
  const x = (i: number) => left + (plotW * i) / (JSON_CONCURRENCY.length - 1)
  const y = (v: number) => top + plotH - (plotH * v) / yMax
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">1 KiB JSON GET: requests per second vs concurrency</text>`,
    `<text x="${left}" y="40" fill="#555">${xml(subtitle)}</text>`,
  ]
  for (let t = 0; t <= 5; t++) {
    const v = (yMax * t) / 5
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`)
    out.push(
      `<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${Math.round(v).toLocaleString('en-US')}</text>`,
    )
  }
  JSON_CONCURRENCY.forEach((c, i) => {
    out.push(`<line x1="${x(i)}" x2="${x(i)}" y1="${top}" y2="${top + plotH}" stroke="#f0f0f0"/>`)
    out.push(`<text x="${x(i)}" y="${top + plotH + 18}" text-anchor="middle">${c}</text>`)
  })
  out.push(
    `<text x="${left + plotW / 2}" y="${H - 10}" text-anchor="middle">concurrency (= connections)</text>`,
  )
  let index = 0
  for (const [key, { name, ours }] of names) {
    const color = COLORS[index % COLORS.length]
    const points = JSON_CONCURRENCY.flatMap((_, i) => {
      const v = value(i, key)
      return v === undefined ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]
    })
    const width = ours ? 3 : 1.5
    const dash = key === 'raw-net' ? ' stroke-dasharray="4 3"' : ''
    if (points.length > 0) {
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="${width}"${dash} points="${points.join(' ')}"/>`,
      )
      for (const p of points) {
        const [px, py] = p.split(',')
        out.push(`<circle cx="${px}" cy="${py}" r="${ours ? 3.5 : 2.5}" fill="${color}"/>`)
      }
    }
    const ly = top + 10 + index * 20
    out.push(
      `<line x1="${left + plotW + 20}" x2="${left + plotW + 44}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="${width}"${dash}/>`,
    )
    out.push(
      `<text x="${left + plotW + 50}" y="${ly + 4}"${ours ? ' font-weight="bold"' : ''}>${xml(name)}</text>`,
    )
    index++
  }
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
