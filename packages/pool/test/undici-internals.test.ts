// The undocumented undici behaviour @x/pool relies on (src/undici-internals.ts), checked against the installed
// undici, so that a version that changes it fails here rather than somewhere downstream.
import { createServer } from 'node:http'
import { Pool } from 'undici'
import { expect, onTestFinished, test } from 'vitest'
import { afterSocketReturn, kQueuedAbort } from '../src/undici-internals.js'

test('undici still exports kQueuedAbort from lib/core/symbols.js', () => {
  expect(typeof kQueuedAbort()).toBe('symbol')
})

test('a completed keep-alive response gives its socket back one turn later; afterSocketReturn runs after that', async () => {
  await using server = createServer((_req, res) => res.end('ok'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const pool = new Pool(`http://127.0.0.1:${(server.address() as { port: number }).port}`, { connections: 1 })
  onTestFinished(() => pool.close())
  const seen = await new Promise<{ atComplete: number; after: number }>((resolve, reject) => {
    pool.dispatch(
      { method: 'GET', path: '/' },
      {
        onRequestStart() {},
        onResponseStart() {},
        onResponseData() {},
        onResponseEnd() {
          const atComplete = pool.stats.free
          afterSocketReturn(() => resolve({ atComplete, after: pool.stats.free }))
        },
        onResponseError(_controller, error) {
          reject(error)
        },
      },
    )
  })
  // The ordering the pool's "cooling" logic assumes: not free yet when the response completes, free afterwards.
  expect(seen).toEqual({ atComplete: 0, after: 1 })
})
