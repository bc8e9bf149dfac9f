import diagnostics from 'node:diagnostics_channel'
import { setTimeout as sleep } from 'node:timers/promises'
import { OAuth2Session, OAuthError } from '@x/oauth2'
import { PoolError } from '@x/pool'
import { RequestException } from '@x/requests'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { newKey, type Stack, startStack, type ToxiProxy } from '../src/index.ts'

// The token endpoint under faults: the shared Keycloak (KEYCLOAK_URL, never stopped) reached through a toxiproxy
// proxy that is slowed, reset, and cut then restored (toxiproxy's disable/enable). The resource server is the
// suite's nginx + origin, without toxics. Client: xstack-service (client_credentials, 10 s access tokens).

const KEYCLOAK_URL = process.env.KEYCLOAK_URL?.replace(/\/+$/, '')
if (!KEYCLOAK_URL) {
  throw new Error(
    'KEYCLOAK_URL is not set: run this suite with `./dev test` or tooling/keycloak/with-keycloak.sh',
  )
}
const SERVICE = { clientId: 'xstack-service', clientSecret: 'xstack-service-secret' }

let stack: Stack
let keycloak: ToxiProxy
let tokenUrl: string
beforeAll(async () => {
  stack = await startStack()
  keycloak = await stack.toxiproxy.proxy('keycloak', new URL(KEYCLOAK_URL).host)
  tokenUrl = `http://127.0.0.1:${keycloak.port}/realms/xstack/protocol/openid-connect/token`
})
afterAll(async () => {
  await stack?.stop()
})
afterEach(async () => {
  await stack.reset()
})

/** Token requests sent by @x/pool (every attempt, failed ones included), from its diagnostics channel. */
function countTokenRequests(): { readonly count: number; stop(): void } {
  const counter = { count: 0, stop: () => diagnostics.unsubscribe('x:pool:request:start', onStart) }
  const onStart = (message: unknown) => {
    if (String((message as { url?: string }).url).includes('/protocol/openid-connect/token')) counter.count++
  }
  diagnostics.subscribe('x:pool:request:start', onStart)
  return counter
}

function session(): { client: OAuth2Session; tokens: () => number } {
  let tokens = 0
  const client = new OAuth2Session({
    ...SERVICE,
    grantType: 'client_credentials',
    tokenEndpoint: tokenUrl,
    updateToken: () => {
      tokens++
    },
    trustEnv: false,
  })
  return { client, tokens: () => tokens }
}

const typed = (e: unknown) =>
  e instanceof RequestException || e instanceof OAuthError || e instanceof PoolError

describe('token endpoint under faults (Keycloak behind toxiproxy)', () => {
  test('slow (latency 400 ms ± 100 ms): 20 concurrent first requests share one token request', async () => {
    await keycloak.add({ type: 'latency', attributes: { latency: 400, jitter: 100 } })
    const counter = countTokenRequests()
    const { client, tokens } = session()
    try {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () =>
          client
            .get(stack.url('cl', 10), { headers: { 'Idempotency-Key': newKey('kc') } })
            .then((r) => r.statusCode),
        ),
      )
      expect(statuses.every((s) => s === 200)).toBe(true)
      expect(tokens()).toBe(1)
      expect(counter.count).toBe(1)
      expect(stack.origin.duplicates()).toEqual([])
    } finally {
      counter.stop()
      await client.close()
    }
  })

  test('resetting: a typed error without secrets, then a token once the resets stop', async () => {
    const toxic = await keycloak.add({ type: 'reset_peer', attributes: { timeout: 0 } })
    const { client, tokens } = session()
    try {
      const error = await client.get(stack.url('cl', 10)).catch((e) => e)
      expect(typed(error), String(error)).toBe(true)
      expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(
        SERVICE.clientSecret,
      )
      expect(tokens()).toBe(0)
      await keycloak.remove(toxic)
      await sleep(5_100) // the renewal backoff once there is no valid token is capped at 5 s
      expect((await client.get(stack.url('cl', 10))).statusCode).toBe(200)
      expect(tokens()).toBe(1)
    } finally {
      await client.close()
    }
  })

  test('cut and restored (toxiproxy disable/enable): the valid token carries on, renewals back off', async () => {
    const counter = countTokenRequests()
    const { client, tokens } = session()
    try {
      expect((await client.get(stack.url('cl', 10))).statusCode).toBe(200) // lazy first token
      expect(tokens()).toBe(1)
      const issued = performance.now()
      // 10 s tokens: the leeway is clamped to half the lifetime, so renewals are due from 5 s on.
      await sleep(5_500)
      await keycloak.setEnabled(false)
      const before = counter.count
      let served = 0
      let failed = 0
      while (performance.now() - issued < 9_000) {
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            client.get(stack.url('cl', 10)).then(
              () => served++,
              () => failed++,
            ),
          ),
        )
        expect(results).toHaveLength(10)
        await sleep(100)
      }
      // Inside the leeway a failed renewal keeps the valid token in use (issue 12 item 3) ...
      expect(failed).toBe(0)
      expect(served).toBeGreaterThan(50)
      // ... and renewals back off (exponential from 1 s) instead of one per request.
      const attempts = counter.count - before
      expect(attempts).toBeGreaterThanOrEqual(1)
      expect(attempts).toBeLessThanOrEqual(4)
      await keycloak.setEnabled(true)
      // After the endpoint is back, a renewal succeeds within the backoff and requests go on.
      let ok = false
      for (let i = 0; i < 80 && !ok; i++) {
        ok = await client.get(stack.url('cl', 10)).then(
          (r) => r.statusCode === 200 && tokens() >= 2,
          () => false,
        )
        if (!ok) await sleep(250)
      }
      expect(ok).toBe(true)
      console.log(
        `faults keycloak cut: ${served} requests served on the valid token while cut, ${failed} failed, ` +
          `${attempts} renewal attempts during the cut, ${tokens()} tokens in all`,
      )
    } finally {
      counter.stop()
      await client.close()
    }
  })
})
