import { afterAll, beforeAll, expect, test } from 'vitest'
import { ClientCore } from '../src/client-core.js'
import { fetchHttp } from './helpers/fetch-http.js'
import { startOp, type RunningOp } from './helpers/op.js'

let op: RunningOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op.close())

test('client_credentials against oidc-provider', async () => {
  const core = new ClientCore({
    clientId: 'svc',
    clientSecret: 'svc-secret',
    http: fetchHttp(),
    issuer: op.issuer,
  })
  const token = await core.requestToken(await core.endpoint('token_endpoint'), {
    grant_type: 'client_credentials',
  })
  expect(token.access_token).toBeTypeOf('string')
  expect(token.token_type).toBe('Bearer')
})
