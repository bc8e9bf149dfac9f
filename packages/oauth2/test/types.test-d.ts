import type { Response } from '@x/requests'
import { expectTypeOf, test } from 'vitest'
import {
  type CallOptions,
  type FetchTokenOptions,
  MemoryTokenStore,
  type StoredToken,
  type TokenStore,
  type IntrospectionResponse,
  type OAuth2Options,
  OAuth2Session,
  type OAuth2Token,
  type OAuthError,
  type UserInfo,
} from '../src/index.js'

test('public types', () => {
  const client = new OAuth2Session({ clientId: 'admin-cli' })
  expectTypeOf(client.fetchToken).returns.resolves.toEqualTypeOf<OAuth2Token>()
  expectTypeOf<OAuth2Token['access_token']>().toEqualTypeOf<string>()
  expectTypeOf<OAuth2Token['expires_at']>().toEqualTypeOf<number | undefined>()
  expectTypeOf(client.get).returns.resolves.toEqualTypeOf<Response>()
  expectTypeOf(client.get).parameter(1).toMatchTypeOf<{ withholdToken?: boolean | undefined } | undefined>()
  expectTypeOf(client.introspectToken).returns.resolves.toEqualTypeOf<IntrospectionResponse>()
  expectTypeOf(client.userinfo).returns.resolves.toEqualTypeOf<UserInfo>()
  expectTypeOf<OAuthError['status']>().toEqualTypeOf<number | undefined>()
  expectTypeOf<OAuth2Options['tokenPlacement']>().toEqualTypeOf<'header' | 'body' | 'uri' | undefined>()
  // @ts-expect-error clientId is required
  new OAuth2Session({})
})

test('token store and per-call option types', () => {
  expectTypeOf<MemoryTokenStore>().toMatchTypeOf<TokenStore>()
  expectTypeOf<OAuth2Options['tokenStore']>().toEqualTypeOf<TokenStore | undefined>()
  expectTypeOf<OAuth2Options['grantType']>().toEqualTypeOf<string | undefined>()
  expectTypeOf<TokenStore['renew']>()
    .parameter(1)
    .toEqualTypeOf<(current: StoredToken | undefined) => Promise<StoredToken>>()
  expectTypeOf<FetchTokenOptions['signal']>().toEqualTypeOf<AbortSignal | undefined>()
  const client = new OAuth2Session({ clientId: 'svc', tokenStore: new MemoryTokenStore() })
  expectTypeOf(client.revokeToken).parameter(3).toEqualTypeOf<CallOptions | undefined>()
  // @ts-expect-error a token store needs read, write and renew
  new OAuth2Session({ clientId: 'svc', tokenStore: { read: async () => undefined } })
})
