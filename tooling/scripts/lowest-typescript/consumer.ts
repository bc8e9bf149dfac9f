// A consumer of the published declarations, compiled by the lowest supported TypeScript with skipLibCheck off
// (tooling/scripts/check-lowest-typescript.mjs). Type errors in the packages' .d.ts show up here.
import { ConnectTimeoutError, ERR_POOL_CONNECT_TIMEOUT, PoolManager, Retry, TimeoutConfig } from '@x/pool'
import { ConnectionError, type RequestsErrorCode, Session } from '@x/requests'
import { OAuth2Session, type OAuth2Token, OAuthError } from '@x/oauth2'

export async function consume(url: string): Promise<RequestsErrorCode | undefined> {
  await using pm = new PoolManager({
    retries: new Retry({ total: 1 }),
    timeout: new TimeoutConfig({ connect: 1_000 }),
  })
  const resp = await pm.request('GET', url)
  const status: number = resp.status
  await using s = new Session({ timeout: 5_000 })
  const client = new OAuth2Session({ clientId: 'app', maxResponseSize: 1024 })
  const token: OAuth2Token | undefined = client.token
  try {
    await s.get(url)
  } catch (error) {
    if (error instanceof ConnectTimeoutError && error.code === ERR_POOL_CONNECT_TIMEOUT) return undefined
    if (error instanceof ConnectionError) return error.code
    if (error instanceof OAuthError) return undefined
  }
  return status === 200 && token === undefined ? undefined : undefined
}
