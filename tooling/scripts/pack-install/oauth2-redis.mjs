// @x/oauth2-redis from its tarball, with its peers (@x/oauth2's tarball, redis from the registry): a store on a
// client that is not connected answers from the in-process fallback (whenUnavailable: 'memory', the default), and
// with 'fail' rejects with ERR_TOKEN_STORE_UNAVAILABLE. No Redis needed.
import assert from 'node:assert/strict'

export async function checkOauth2Redis(label, { oauth2Redis, redis }) {
  const client = redis.createClient({ url: 'redis://127.0.0.1:1' })
  const key = { issuer: 'http://127.0.0.1/issuer', clientId: 'pack-install' }
  const memory = new oauth2Redis.RedisTokenStore({ client })
  assert.equal(await memory.read(key), undefined)
  const renewed = await memory.renew(key, async () => ({ access_token: 'fresh', token_type: 'Bearer' }))
  assert.equal(renewed.access_token, 'fresh')
  assert.equal(memory.pendingWrites, 1)
  const failing = new oauth2Redis.RedisTokenStore({ client, whenUnavailable: 'fail' })
  await assert.rejects(failing.read(key), (e) => e.code === 'ERR_TOKEN_STORE_UNAVAILABLE')
  assert.equal(oauth2Redis.redisTokenKeys(key).token.includes('{'), true)
  console.log(`pack-install: ${label}: oauth2-redis (peers @x/oauth2 and redis) ok`)
}
