import type { TokenStore } from '@x/oauth2'
import { createClient, createCluster } from 'redis'
import { expectTypeOf, test } from 'vitest'
import { RedisTokenStore, type RedisTokenStoreOptions } from '../src/index.js'

test('node-redis clients and clusters, of any RESP version, are accepted; the store is a TokenStore', () => {
  expectTypeOf(createClient()).toExtend<RedisTokenStoreOptions['client']>()
  expectTypeOf(createClient({ RESP: 2 })).toExtend<RedisTokenStoreOptions['client']>()
  expectTypeOf(createCluster({ rootNodes: [] })).toExtend<RedisTokenStoreOptions['client']>()
  expectTypeOf<RedisTokenStore>().toExtend<TokenStore>()
  // @ts-expect-error: not a Redis client
  new RedisTokenStore({ client: {} })
})
