// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README

import { RedisTokenStore } from '@x/oauth2-redis'
import { createClient } from 'redis'

export async function example1(): Promise<void> {

  const redis = await createClient({ url: 'redis://127.0.0.1:6379' }).connect()
  const tokenStore = new RedisTokenStore({ client: redis })
  const key = { issuer: 'http://127.0.0.1:8080/realms/xstack', clientId: 'svc' }
  const token = await tokenStore.renew(key, async (current) => current ?? { access_token: 'from the token endpoint' })
  console.log(token.access_token, await tokenStore.read(key))
  await tokenStore.close()
  await redis.close()
}

export async function example2(): Promise<void> {

  const redis = await createClient().connect()
  const tokenStore = new RedisTokenStore({
    client: redis,
    encryptionKeys: [
      { id: '2026-12', key: process.env.TOKEN_KEY_2026_12 ?? '' }, // encrypts (and decrypts)
      { id: '2026-06', key: process.env.TOKEN_KEY_2026_06 ?? '' }, // decrypts tokens written before the rotation
    ],
  })
}
