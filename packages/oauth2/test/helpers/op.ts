import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { JWK } from 'jose'
import Provider, { type Client, type KoaContextWithOIDC } from 'oidc-provider'
import { makeKey } from './keys.js'

export const REDIRECT_URI = 'http://127.0.0.1:9/cb'
export const HS_SECRET = 'a-long-client-secret-for-hs256-assertions-0123456789'

/** `await using` closes it. */
export interface RunningOp extends AsyncDisposable {
  issuer: string
  provider: Provider
  /** Hits per path (token endpoint calls counted here). */
  hits: Map<string, number>
  /** Public JWK of the private_key_jwt client's key, and the private one the client signs with. */
  clientKey: JWK
  /** Marks a pending device code as approved by `alice`. */
  approveDevice(userCode: string): Promise<void>
  close(): Promise<void>
}

/** An in-process OpenID Provider (oidc-provider 9) on 127.0.0.1, with one client per flow the tests drive. */
export async function startOp(options: { dpopNonce?: boolean } = {}): Promise<RunningOp> {
  const hits = new Map<string, number>()
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const signing = await makeKey('op-key-1')
  const client = await makeKey('client-key-1', 'ES256')
  const common = { redirect_uris: [REDIRECT_URI], response_types: ['code'] }
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'svc',
        client_secret: 'svc-secret',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'svc-post',
        client_secret: 'svc-post-secret',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: 'svc-jwt',
        client_secret: HS_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_jwt',
      },
      {
        client_id: 'svc-pkjwt',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [client.publicJwk] },
      },
      {
        client_id: 'web',
        client_secret: 'web-secret',
        grant_types: ['authorization_code', 'refresh_token'],
        ...common,
      },
      {
        client_id: 'public',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        ...common,
      },
      {
        client_id: 'dpop',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        dpop_bound_access_tokens: true,
        ...common,
      },
    ],
    jwks: { keys: [signing.privateJwk] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@example.test`, email_verified: true, name: 'Alice Liddell' }),
    }),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      deviceFlow: { enabled: true },
      pushedAuthorizationRequests: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      dPoP: options.dpopNonce
        ? { enabled: true, nonceSecret: Buffer.alloc(32, 7), requireNonce: () => true }
        : { enabled: true },
    },
    issueRefreshToken: async (_ctx: unknown, c: Client) => c.grantTypeAllowed('refresh_token'),
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { Grant } = ctx.oidc.provider
      const grant = new Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      })
      grant.addOIDCScope('openid offline_access profile email')
      grant.addOIDCClaims(['sub', 'email', 'name'])
      await grant.save()
      return grant
    },
    ttl: { AccessToken: 3600, ClientCredentials: 600, IdToken: 600, RefreshToken: 86400, DeviceCode: 600 },
  })
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error))
  const callback = provider.callback()
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname
    hits.set(path, (hits.get(path) ?? 0) + 1)
    if (path.startsWith('/interaction/')) {
      // Headless interactions: log `alice` in, consent to everything asked.
      const details = await provider.interactionDetails(req, res)
      if (details.prompt.name === 'login') {
        const login = { login: { accountId: 'alice' } }
        await provider.interactionFinished(req, res, login, { mergeWithLastSubmission: false })
        return
      }
      const grant = new provider.Grant({
        accountId: details.session!.accountId!,
        clientId: String(details.params.client_id),
      })
      grant.addOIDCScope(String(details.params.scope ?? 'openid'))
      grant.addOIDCClaims(['sub', 'email', 'name'])
      const grantId = await grant.save()
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      )
      return
    }
    callback(req, res)
  })
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return {
    issuer,
    provider,
    hits,
    clientKey: client.privateJwk,
    async approveDevice(userCode) {
      const code = await provider.DeviceCode.findByUserCode(userCode.replace(/[^A-Za-z]/g, '').toUpperCase())
      if (!code) throw new Error('no such user code')
      const grant = new provider.Grant({ clientId: code.clientId, accountId: 'alice' })
      code.scope ??= String(code.params?.scope ?? 'openid')
      grant.addOIDCScope(code.scope)
      code.grantId = await grant.save()
      code.accountId = 'alice'
      code.authTime = Math.floor(Date.now() / 1000)
      await code.save()
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}

/**
 * Drives the authorization endpoint without a browser: follows redirects with a cookie jar until the
 * redirect to the client's redirect URI, and returns that URL (the callback with code and state).
 */
export async function authorizeHeadless(authorizationUrl: string): Promise<string> {
  const jar = new Map<string, string>()
  let url = authorizationUrl
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(REDIRECT_URI)) return url
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
    const location = response.headers.get('location')
    await response.arrayBuffer()
    if (!location) throw new Error(`authorization stopped at HTTP ${response.status} without a redirect`)
    url = new URL(location, url).toString()
  }
  throw new Error('too many redirects')
}
