import { serverTest } from '@x/testserver/vitest'
import { expect } from 'vitest'
import { ClientCore } from '../src/client-core.js'
import { DEVICE_CODE_GRANT, pollDeviceToken, requestDeviceAuthorization } from '../src/device-flow.js'
import { InvalidResponseError } from '../src/errors/invalid-response-error.js'
import { OAuthError } from '../src/errors/oauth-error.js'
import { fetchHttp } from './helpers/fetch-http.js'
import { json, startScriptedServer } from './helpers/scripted-server.js'

const test = serverTest(() =>
  startScriptedServer({
    '/device': (req, res) =>
      json(res, 200, {
        device_code: `dc-${req.form.get('scope')}`,
        user_code: 'ABCD-EFGH',
        verification_url: 'https://op.example/device',
        expires_in: 600,
        interval: 5,
      }),
  }),
)

const core = () => new ClientCore({ clientId: 'tv', http: fetchHttp() })
const auth = (expires_in = 600) => ({
  device_code: 'DC',
  user_code: 'U',
  verification_uri: 'https://op.example/device',
  expires_in,
})

test('device authorization response is validated; verification_url is accepted as an alias', async ({
  server,
}) => {
  const r = await requestDeviceAuthorization(core(), `${server.url}/device`, { scope: 'openid' })
  expect(r).toMatchObject({
    device_code: 'dc-openid',
    verification_uri: 'https://op.example/device',
    interval: 5,
  })
  expect(server.requests.at(-1)!.form.get('client_id')).toBe('tv')
  server.routes.set('/bad-device', (_req, res) => json(res, 200, { user_code: 'x', expires_in: 1 }))
  await expect(requestDeviceAuthorization(core(), `${server.url}/bad-device`, {})).rejects.toBeInstanceOf(
    InvalidResponseError,
  )
})

test('polling keeps going on authorization_pending and slows down on slow_down', async ({ server }) => {
  const answers = ['authorization_pending', 'slow_down', 'authorization_pending', 'ok']
  server.routes.set('/token1', (req, res) => {
    expect(req.form.get('grant_type')).toBe(DEVICE_CODE_GRANT)
    expect(req.form.get('device_code')).toBe('DC')
    const next = answers.shift()
    if (next === 'ok') return json(res, 200, { access_token: 'AT', token_type: 'Bearer' })
    json(res, 400, { error: next })
  })
  const seen: Array<{ error: string; interval: number }> = []
  const token = await pollDeviceToken(core(), `${server.url}/token1`, auth(), {
    interval: 5,
    slowDownIncrement: 10,
    onPending: ({ error, interval }) => seen.push({ error, interval }),
  })
  expect(token.access_token).toBe('AT')
  expect(seen).toEqual([
    { error: 'authorization_pending', interval: 5 },
    { error: 'slow_down', interval: 15 },
    { error: 'authorization_pending', interval: 15 },
  ])
})

test('polling stops with expired_token once the device code expires', async ({ server }) => {
  server.routes.set('/token2', (_req, res) => json(res, 400, { error: 'authorization_pending' }))
  const before = server.hits.get('/token2') ?? 0
  const e = await pollDeviceToken(core(), `${server.url}/token2`, auth(0.05), { interval: 20 }).catch(
    (x) => x,
  )
  expect(e).toBeInstanceOf(OAuthError)
  expect(e.error).toBe('expired_token')
  const polls = (server.hits.get('/token2') ?? 0) - before
  expect(polls).toBeGreaterThanOrEqual(1)
  expect(polls).toBeLessThanOrEqual(3)
})

test('access_denied and server-side expiry end polling with the server error', async ({ server }) => {
  server.routes.set('/token3', (_req, res) =>
    json(res, 400, { error: 'access_denied', error_description: 'User declined' }),
  )
  await expect(pollDeviceToken(core(), `${server.url}/token3`, auth(), { interval: 1 })).rejects.toThrow(
    'access_denied: User declined',
  )
  server.routes.set('/token4', (_req, res) => json(res, 400, { error: 'expired_token' }))
  await expect(
    pollDeviceToken(core(), `${server.url}/token4`, auth(), { interval: 1 }),
  ).rejects.toMatchObject({ error: 'expired_token' })
})

test('polling can be aborted', async ({ server }) => {
  server.routes.set('/token5', (_req, res) => json(res, 400, { error: 'authorization_pending' }))
  const controller = new AbortController()
  const pending = pollDeviceToken(core(), `${server.url}/token5`, auth(), {
    interval: 5,
    signal: controller.signal,
    onPending: () => controller.abort(),
  })
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
})
