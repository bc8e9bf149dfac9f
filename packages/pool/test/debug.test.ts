import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { httpbinTest as test } from '@x/testserver/vitest'
import { expect } from 'vitest'

const runSource = fileURLToPath(new URL('../../../tooling/scripts/run-source.mjs', import.meta.url))
const child = fileURLToPath(new URL('./fixtures/debug-child.ts', import.meta.url))

test('NODE_DEBUG=x-pool: a line per start, retry, redirect, end and failure, with the request id, redacted', async ({
  httpbin,
}) => {
  const { stderr } = await promisify(execFile)(process.execPath, [runSource, child, httpbin.url], {
    env: { ...process.env, NODE_DEBUG: 'x-pool' },
  })
  const text = stderr.replace(/X-POOL \d+: /g, '').replace(/\d+\.\d ms/g, 'N ms')
  expect(text).toContain(`request 1 GET ${httpbin.url}/redirect/1?code=[REDACTED]`)
  expect(text).toContain(`request 1 redirect 302 to ${httpbin.url}/get`)
  expect(text).toContain('request 1 200 in N ms (2 attempts)')
  expect(text).toContain('request 2 retry 1 after status 503, in 0 ms')
  expect(text).toContain('request 2 503 in N ms (2 attempts)')
  expect(text).toContain('request 3 failed after N ms: MaxRetryError (ERR_POOL_MAX_RETRY)')
  expect(text).not.toContain('abc')
})

test('without NODE_DEBUG nothing is written', async ({ httpbin }) => {
  const env = { ...process.env }
  delete env.NODE_DEBUG
  const { stderr } = await promisify(execFile)(process.execPath, [runSource, child, httpbin.url], { env })
  expect(stderr).toBe('')
})
