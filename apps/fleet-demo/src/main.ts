// N worker processes sharing one client (xstack-service, 10 s access tokens) against Keycloak, twice: each with its
// own in-memory token, then all sharing one token through Redis (@x/oauth2-redis). A counting proxy in front of
// the token endpoint says how many token requests each fleet made.
//   bash tooling/redis/with-redis.sh node apps/fleet-demo/src/main.ts     (KEYCLOAK_URL set; ./dev demo does both)
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startCountingProxy } from '@x/testserver/counting-proxy'

const WORKERS = Number(process.env.FLEET_WORKERS ?? 6)
const SECONDS = Number(process.env.FLEET_SECONDS ?? 8)
const KEYCLOAK_URL = process.env.KEYCLOAK_URL?.replace(/\/$/, '')

if (!process.env.REDIS_URL) {
  // with-redis.sh says why (not root, no apt-get, the install failed); the other demos still run
  console.log(`fleet-demo: skipped, no Redis: ${process.env.REDIS_UNAVAILABLE ?? 'REDIS_URL is not set'}`)
  process.exit(0)
}
if (!KEYCLOAK_URL) {
  console.error(
    'fleet-demo: KEYCLOAK_URL is not set (run through tooling/keycloak/with-keycloak.sh, as ./dev demo does)',
  )
  process.exit(1)
}
/** Counts token requests on their way to Keycloak. */
const proxy = await startCountingProxy(KEYCLOAK_URL)
const countTokenRequests = () => proxy.count('/openid-connect/token', 'POST')
/** The API the workers call: any Bearer token will do here (the token's validity is Keycloak's and the tests' job). */
const api = createServer((req, res) => {
  res.writeHead(/^Bearer /.test(req.headers.authorization ?? '') ? 200 : 401).end()
})
const apiPort = await new Promise<number>((resolve) =>
  api.listen(0, '127.0.0.1', () => resolve((api.address() as AddressInfo).port)),
)
const tokenEndpoint = `${proxy.url}/realms/xstack/protocol/openid-connect/token`
const apiUrl = `http://127.0.0.1:${apiPort}/api`

async function runFleet(mode: 'memory' | 'redis'): Promise<{ tokens: number; ok: number; failed: number }> {
  proxy.reset()
  const worker = new URL('./worker.ts', import.meta.url).pathname
  const results = await Promise.all(
    Array.from(
      { length: WORKERS },
      () =>
        new Promise<{ ok: number; failed: number }>((resolve, reject) => {
          const child = fork(worker, [mode, tokenEndpoint, apiUrl, String(SECONDS)], { execArgv: [] })
          let result: { ok: number; failed: number } | undefined
          child.on('message', (message: { ok: number; failed: number }) => {
            result = message
          })
          child.on('exit', (code) =>
            result ? resolve(result) : reject(new Error(`a worker exited with ${code}`)),
          )
        }),
    ),
  )
  return {
    tokens: countTokenRequests(),
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
  }
}

try {
  console.log(
    `fleet-demo: ${WORKERS} workers × ${SECONDS} s, client xstack-service (10 s tokens), Redis at ${process.env.REDIS_URL}`,
  )
  const alone = await runFleet('memory')
  console.log(
    `  without a shared store: ${alone.tokens} token requests for ${alone.ok} API calls (${alone.failed} failed)`,
  )
  const shared = await runFleet('redis')
  console.log(
    `  with RedisTokenStore:   ${shared.tokens} token requests for ${shared.ok} API calls (${shared.failed} failed)`,
  )
  console.log(
    `fleet-demo: the fleet made ${shared.tokens} token requests where it would have made ${alone.tokens} without the store`,
  )
  if (alone.failed + shared.failed > 0) process.exitCode = 1
} finally {
  await proxy.close()
  api.close()
}
