import diagnostics from 'node:diagnostics_channel'
import { httpbinTest as test } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { channels, PoolManager, Retry } from '../src/index.js'

test('diagnostics_channel events: start, retry, redirect, end (with durations), error', async ({
  httpbin,
}) => {
  const seen: Array<[string, Record<string, unknown>]> = []
  const names = ['start', 'headers', 'retry', 'redirect', 'end', 'error'] as const
  const listeners = names.map((name) => {
    const fn = (message: unknown) => seen.push([name, message as Record<string, unknown>])
    diagnostics.subscribe(`x:pool:request:${name}`, fn)
    return [name, fn] as const
  })
  try {
    await using pm = new PoolManager()
    await pm.request('GET', `${httpbin.url}/redirect/1`)
    await pm
      .request('GET', `${httpbin.url}/status/503`, {
        retries: new Retry({ total: 1, statusForcelist: [503] }),
      })
      .catch(() => {})
    const kinds = seen.map(([name]) => name)
    expect(kinds).toEqual([
      'start',
      'headers',
      'redirect',
      'headers',
      'end',
      'start',
      'headers',
      'retry',
      'headers',
      'error',
    ])
    const end = seen.find(([name]) => name === 'end')![1]
    expect(end.status).toBe(200)
    expect(end.duration).toBeTypeOf('number')
    expect(end.duration as number).toBeGreaterThanOrEqual(0)
    expect(seen[1]![1]).toMatchObject({ status: 302 })
    expect(seen[2]![1]).toMatchObject({ status: 302 })
    expect(seen[7]![1]).toMatchObject({ status: 503, attempt: 1 })
    expect((seen[9]![1].error as Error).name).toBe('MaxRetryError')
    expect(channels.end.name).toBe('x:pool:request:end')
  } finally {
    for (const [name, fn] of listeners) diagnostics.unsubscribe(`x:pool:request:${name}`, fn)
  }
})

test('URLs in events carry no credentials', async ({ httpbin }) => {
  const urls: string[] = []
  const fn = (message: unknown) => urls.push((message as { url: string }).url)
  diagnostics.subscribe('x:pool:request:start', fn)
  try {
    await using pm = new PoolManager()
    await pm.request('GET', httpbin.url.replace('http://', 'http://user:hunter2@') + '/get')
    expect(urls).toHaveLength(1)
    expect(urls[0]).not.toContain('hunter2')
  } finally {
    diagnostics.unsubscribe('x:pool:request:start', fn)
  }
})
