import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { clients, KEYCLOAK_URL, REDIRECT_URI, users, xstack } from './support/env.ts'
import { FetchBrowser, LoginFormError, loginThroughForm } from './support/login-form.ts'
import { startCountingProxy } from '@x/testserver/counting-proxy'
import { basicAuth, postForm } from './support/raw.ts'

function pkce() {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

function webAuthorizationUrl(state: string, challenge: string): string {
  const params = new URLSearchParams({
    client_id: clients.web.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })
  return `${xstack.authorization}?${params}`
}

describe('loginThroughForm (plain fetch browser)', () => {
  it('logs in through the form and returns the redirect carrying code, state and iss', async () => {
    const { verifier, challenge } = pkce()
    const result = await loginThroughForm(
      new FetchBrowser(),
      webAuthorizationUrl('s-1', challenge),
      users.alice,
    )
    expect(result.location.startsWith(`${REDIRECT_URI}?`)).toBe(true)
    expect(result.params.get('state')).toBe('s-1')
    expect(result.params.get('iss')).toBe(xstack.issuer)
    const token = await postForm(xstack.token, {
      grant_type: 'authorization_code',
      client_id: clients.web.clientId,
      code: result.params.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    })
    expect(token.status).toBe(200)
    expect(token.json.token_type).toBe('Bearer')
  })

  it('reports the message Keycloak prints for a wrong password', async () => {
    const { challenge } = pkce()
    const attempt = loginThroughForm(new FetchBrowser(), webAuthorizationUrl('s-2', challenge), {
      username: 'alice',
      password: 'wrong',
    })
    await expect(attempt).rejects.toBeInstanceOf(LoginFormError)
    await expect(attempt).rejects.toMatchObject({ pageMessage: 'Invalid username or password.' })
  })

  it('reuses the SSO session of the same browser without a second login', async () => {
    const browser = new FetchBrowser()
    await loginThroughForm(browser, webAuthorizationUrl('a', pkce().challenge), users.bob)
    const again = await loginThroughForm(browser, webAuthorizationUrl('b', pkce().challenge), users.bob)
    expect(again.params.get('code')).toBeTruthy()
    expect(again.trail).toHaveLength(1)
  })

  it('approves a device on the verification page, denies another', async () => {
    const start = await postForm(xstack.deviceAuthorization, {
      client_id: clients.device.clientId,
      scope: 'openid',
    })
    const page = String(start.json.verification_uri_complete)
    const result = await loginThroughForm(new FetchBrowser(), page, users.alice)
    expect(result.location).toContain('/device/status')
    const token = await postForm(xstack.token, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: clients.device.clientId,
      device_code: String(start.json.device_code),
    })
    expect(token.status).toBe(200)

    const denied = await postForm(xstack.deviceAuthorization, { client_id: clients.device.clientId })
    await loginThroughForm(new FetchBrowser(), String(denied.json.verification_uri_complete), users.bob, {
      consent: 'deny',
    })
    const refused = await postForm(xstack.token, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: clients.device.clientId,
      device_code: String(denied.json.device_code),
    })
    expect(refused.json.error).toBe('access_denied')
  })

  it('follows a pushed authorization request (request_uri) to the code', async () => {
    const auth = basicAuth(clients.par.clientId, clients.par.clientSecret)
    const pushed = await postForm(
      xstack.par,
      { response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid', state: 'par-1' },
      auth,
    )
    expect(pushed.status).toBe(201)
    const url = `${xstack.authorization}?${new URLSearchParams({ client_id: clients.par.clientId, request_uri: String(pushed.json.request_uri) })}`
    const result = await loginThroughForm(new FetchBrowser(), url, users.bob)
    expect(result.params.get('state')).toBe('par-1')
    expect(result.params.get('code')).toBeTruthy()
  })
})

describe('startCountingProxy', () => {
  it('counts requests per path and keeps Keycloak’s own issuer', async () => {
    const proxy = await startCountingProxy(KEYCLOAK_URL)
    try {
      const discovery = (await (
        await fetch(`${proxy.url}/realms/xstack/.well-known/openid-configuration`)
      ).json()) as { issuer: string }
      expect(discovery.issuer).toBe(xstack.issuer)
      await postForm(`${proxy.url}/realms/xstack/protocol/openid-connect/token`, {
        grant_type: 'client_credentials',
        client_id: clients.service.clientId,
        client_secret: clients.service.clientSecret,
      })
      expect(proxy.count('/protocol/openid-connect/token', 'POST')).toBe(1)
      expect(proxy.count('/.well-known/openid-configuration')).toBe(1)
    } finally {
      await proxy.close()
    }
  })
})
