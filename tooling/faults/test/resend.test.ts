import { PoolManager, ProtocolError } from '@x/pool'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { newKey, type Stack, startStack } from '../src/index.ts'

// Issue 12 item 2 through real tools: kept-alive connections to nginx that toxiproxy cuts after the request went
// through (the response is dropped), so the origin has the PUT. With retries: false no PUT may reach it twice;
// resendStale: 'idempotent' brings back the uncounted resend (and with it the duplicates).

const ROUNDS = 20
const WIDTH = 10

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => {
  await stack?.stop()
})

async function run(resendStale: 'unsent' | 'idempotent') {
  stack.origin.reset()
  await stack.toxiproxy.reset()
  await using pm = new PoolManager({ maxSize: WIDTH, retries: false, resendStale })
  const keys: string[] = []
  const errors: unknown[] = []
  for (let round = 0; round < ROUNDS; round++) {
    await stack.toxiproxy.reset()
    // Warm WIDTH keep-alive connections, then cut about half of them at their next response.
    await Promise.all(Array.from({ length: WIDTH }, () => pm.request('GET', stack.url('cl', 10))))
    await stack.toxic('cl', { type: 'reset_peer', attributes: { timeout: 0 } }, 'downstream', 0.5)
    const results = await Promise.all(
      Array.from({ length: WIDTH }, () => {
        const key = newKey('put')
        keys.push(key)
        return pm
          .request('PUT', stack.url('cl', 10), { body: 'payload', headers: { 'Idempotency-Key': key } })
          .then(
            (r) => r.status,
            (e: unknown) => {
              errors.push(e)
              return 0
            },
          )
      }),
    )
    expect(results).toHaveLength(WIDTH)
  }
  const reached = keys.filter((k) => stack.origin.count(k) > 0).length
  return { puts: keys.length, reached, duplicates: stack.origin.duplicates().length, errors }
}

describe('PUTs on kept-alive connections cut after the request went through', () => {
  test(`retries: false: ${ROUNDS * WIDTH} PUTs, none reaches the origin twice; the cut ones fail typed`, async () => {
    const { puts, reached, duplicates, errors } = await run('unsent')
    console.log(
      `faults resend (default): ${puts} PUTs, ${reached} reached the origin, ${duplicates} twice, ${errors.length} failed`,
    )
    expect(duplicates).toBe(0)
    expect(errors.length).toBeGreaterThan(0) // the toxic did cut some
    for (const e of errors) expect(e).toBeInstanceOf(ProtocolError)
    expect(reached).toBe(puts) // every PUT reached the origin once: the cut ones too (only their answer was lost)
  })

  test("resendStale: 'idempotent': the cut PUTs are resent once, so the origin sees them twice", async () => {
    const { puts, duplicates, errors } = await run('idempotent')
    console.log(
      `faults resend (idempotent): ${puts} PUTs, ${duplicates} reached the origin twice, ${errors.length} failed`,
    )
    expect(duplicates).toBeGreaterThan(0)
  })
})
