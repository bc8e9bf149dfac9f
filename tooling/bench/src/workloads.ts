/** The workloads and the two modes (quick for CI, full by hand). */
import { GZIP_PLAIN, JSON_1K, POST_64K } from './payloads.ts'
import type { Settings, Workload } from './runner.ts'

export const JSON_CONCURRENCY = [1, 10, 50, 200] as const

export function jsonWorkloadId(concurrency: number): string {
  return `json-1k-c${concurrency}`
}

export const WORKLOADS: readonly Workload[] = [
  ...JSON_CONCURRENCY.map((c) => ({
    id: jsonWorkloadId(c),
    title: `1 KiB JSON GET, concurrency ${c}`,
    concurrency: c,
    spec: { method: 'GET' as const, path: '/json-1k', expectBytes: JSON_1K.length },
  })),
  {
    id: 'undici-shape',
    title: "undici's benchmark shape: 64 KiB after a 1 ms server delay, 50 connections",
    concurrency: 50,
    spec: { method: 'GET', path: '/delay-64k', expectBytes: 64 * 1024 },
  },
  {
    id: 'bytes-1m',
    title: '1 MiB bodies, concurrency 10',
    concurrency: 10,
    spec: { method: 'GET', path: '/bytes/1048576', expectBytes: 1024 * 1024 },
  },
  {
    id: 'post-64k',
    title: 'POST of a 64 KiB JSON body, concurrency 10',
    concurrency: 10,
    spec: {
      method: 'POST',
      path: '/post',
      body: POST_64K,
      expectBytes: `{"received":${Buffer.byteLength(POST_64K)}}`.length,
    },
  },
  {
    id: 'redirect-3',
    title: 'Redirect chain of 3 then 1 KiB JSON, concurrency 10',
    concurrency: 10,
    spec: { method: 'GET', path: '/redirect/3', expectBytes: JSON_1K.length, redirects: true },
  },
  {
    id: 'gzip-json',
    title: `gzip body (${GZIP_PLAIN.length / 1024} KiB JSON decoded), concurrency 10`,
    concurrency: 10,
    spec: { method: 'GET', path: '/gzip-json', expectBytes: GZIP_PLAIN.length, gzip: true },
  },
]

export interface Mode {
  name: 'quick' | 'full'
  settings: Settings
  streamBytes: number
  streamRounds: number
  sockets: number
  origins: number
  /** Fresh processes per module in the cold-start table. */
  coldStartRounds: number
}

export const MODES: Record<Mode['name'], Mode> = {
  quick: {
    name: 'quick',
    settings: { warmupRounds: 1, rounds: 3, roundMs: 40 },
    streamBytes: 64 * 1024 * 1024,
    streamRounds: 1,
    sockets: 500,
    origins: 500,
    coldStartRounds: 3,
  },
  full: {
    name: 'full',
    settings: { warmupRounds: 1, rounds: 15, roundMs: 300 },
    streamBytes: 1024 * 1024 * 1024,
    streamRounds: 3,
    sockets: 1000,
    origins: 1000,
    coldStartRounds: 15,
  },
}
