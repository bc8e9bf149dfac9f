// One replica of a service: an OAuth2Session for the xstack-service client (client_credentials, 10 s tokens)
// calling an API for `seconds`, its token in Redis (`redis`) or in its own memory (`memory`). Reports to main.ts.
import { OAuth2Session } from '@x/oauth2'
import { RedisTokenStore } from '@x/oauth2-redis'
import { createClient } from 'redis'

const [mode, tokenEndpoint, apiUrl, seconds] = process.argv.slice(2) as [string, string, string, string]
const redis = mode === 'redis' ? createClient({ url: process.env.REDIS_URL ?? '' }) : undefined
redis?.on('error', (error: Error) =>
  console.error(`fleet-demo worker ${process.pid}: redis: ${error.message}`),
)
await redis?.connect()
const tokenStore = redis ? new RedisTokenStore({ client: redis }) : undefined
const client = new OAuth2Session({
  clientId: 'xstack-service',
  clientSecret: 'xstack-service-secret',
  tokenEndpoint,
  grantType: 'client_credentials',
  ...(tokenStore ? { tokenStore } : {}),
})

let ok = 0
let failed = 0
const until = Date.now() + Number(seconds) * 1000
while (Date.now() < until) {
  // 10 requests at once, every 100 ms: a busy replica
  await Promise.all(
    Array.from({ length: 10 }, () =>
      client.get(apiUrl).then(
        (response) => (response.statusCode === 200 ? ok++ : failed++),
        () => failed++,
      ),
    ),
  )
  await new Promise((resolve) => setTimeout(resolve, 100))
}
await client.close()
await tokenStore?.close()
redis?.destroy()
process.send?.({ ok, failed })
