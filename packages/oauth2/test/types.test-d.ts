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
  OAuth2Token,
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

// Issue 14 "Typings": no `any` in OAuth2Token, no index signature in FetchTokenOptions, option registries.
test('typed token fields and explicit extras', () => {
  const token = new OAuth2Token({ access_token: 'a', expires_in: 60 })
  expectTypeOf(token.access_token).toEqualTypeOf<string>()
  expectTypeOf(token.get('refresh_expires_in')).toEqualTypeOf<unknown>()
  // @ts-expect-error a misspelt field does not compile (it was `any`)
  token.acces_token
  // @ts-expect-error extra form fields go in extraParams, not as options
  new OAuth2Session({ clientId: 'a' }).fetchToken('http://op/token', { scopes: ['x'] })
  expectTypeOf<FetchTokenOptions['extraParams']>().toEqualTypeOf<
    Readonly<Record<string, string | readonly string[] | undefined>> | undefined
  >()
  expectTypeOf<OAuthError['response']>().toEqualTypeOf<Response | undefined>()
  // Issue 13 item 7: every Session option is an OAuth2Session option, checked by the compiler and at run time.
  new OAuth2Session({ clientId: 'a', maxResponseSize: 1024 })
})
