// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README

import { OAuth2Session } from '@x/oauth2'
import { RedisTokenStore } from '@x/oauth2-redis'
import { createClient } from 'redis'

export async function example1(): Promise<void> {

  const redis = await createClient({ url: 'redis://127.0.0.1:6379' }).connect()
  const tokenStore = new RedisTokenStore({ client: redis })
  const client = new OAuth2Session({
    clientId: 'svc',
    clientSecret: process.env.CLIENT_SECRET ?? '',
    tokenEndpoint: 'http://127.0.0.1:8080/realms/xstack/protocol/openid-connect/token',
    grantType: 'client_credentials',
    tokenStore,
  })
  const response = await client.get('http://127.0.0.1:8000/api') // one token request for all processes
  console.log(response.statusCode)
  await client.close()
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
