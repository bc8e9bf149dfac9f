import type { Scenario, Step } from '../scenario.js'

const TOKEN = '{A}/oauth/token'
const o = (id: string, client: Record<string, unknown>, steps: Step[]): Scenario => ({
  id,
  pkg: 'oauth2',
  client: { client_id: 'app', ...client },
  steps,
})
const fetch = (args: Record<string, unknown>): Step => ({ op: 'fetch_token', url: TOKEN, args })
const METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const
const secretFor = (m: string) => (m === 'none' ? {} : { client_secret: 's3cret' })

/** Authlib 1.x OAuth2Session vs @x/oauth2 OAuth2Session against a scripted OAuth 2.0 server. */
export const oauth2Scenarios: Scenario[] = [
  // every grant, with every client authentication method
  ...METHODS.flatMap((m) => [
    o(`grant/client-credentials-${m}`, { ...secretFor(m), token_endpoint_auth_method: m }, [
      fetch({ grant_type: 'client_credentials' }),
    ]),
    o(`grant/password-${m}`, { ...secretFor(m), token_endpoint_auth_method: m }, [
      fetch({ username: 'alice', password: 'pw' }),
    ]),
  ]),
  o('grant/password-scope', { client_secret: 's3cret', scope: 'openid profile' }, [
    fetch({ username: 'alice', password: 'pw' }),
  ]),
  o('grant/authorization-code', { client_secret: 's3cret', redirect_uri: 'http://127.0.0.1/cb' }, [
    fetch({ grant_type: 'authorization_code', code: 'the-code', code_verifier: 'v'.repeat(43) }),
  ]),
  o('grant/device-code', { client_secret: 's3cret' }, [
    fetch({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'dc-1' }),
  ]),
  o('grant/token-exchange', { client_secret: 's3cret' }, [
    fetch({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: 'AT-other',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'api',
    }),
  ]),
  o('grant/jwt-bearer', { client_secret: 's3cret' }, [
    fetch({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c' }),
  ]),
  o('grant/refresh', { client_secret: 's3cret' }, [
    fetch({ username: 'alice', password: 'pw' }),
    { op: 'refresh_token', url: TOKEN, args: {} },
  ]),
  o('grant/refresh-explicit', { client_secret: 's3cret' }, [
    { op: 'refresh_token', url: TOKEN, args: { refresh_token: 'RT-1' } },
  ]),
  // errors
  o('errors/removed-session', { client_secret: 's3cret' }, [
    { op: 'refresh_token', url: TOKEN, args: { refresh_token: 'dead' } },
  ]),
  o('errors/wrong-password', { client_secret: 's3cret' }, [fetch({ username: 'alice', password: 'wrong' })]),
  // token placement on resource requests
  ...(['header', 'body', 'uri'] as const).map((placement) =>
    o(`placement/${placement}`, { client_secret: 's3cret', token_placement: placement }, [
      fetch({ grant_type: 'client_credentials' }),
      { op: 'request', method: 'POST', url: '{A}/oauth/resource?q=1', args: { data: { a: 'b' } } },
    ]),
  ),
  // revoke and introspect: which token, which hint, which client authentication
  o('revoke/default-token', { client_secret: 's3cret' }, [
    fetch({ username: 'alice', password: 'pw' }),
    { op: 'revoke_token', url: '{A}/oauth/revoke' },
  ]),
  o('revoke/access-token-only', { client_secret: 's3cret' }, [
    fetch({ grant_type: 'client_credentials' }),
    { op: 'revoke_token', url: '{A}/oauth/revoke' },
  ]),
  o('revoke/explicit-hint', { client_secret: 's3cret' }, [
    fetch({ username: 'alice', password: 'pw' }),
    {
      op: 'revoke_token',
      url: '{A}/oauth/revoke',
      args: { token: 'AT-password', token_type_hint: 'access_token' },
    },
  ]),
  o(
    'revoke/client-secret-post',
    { client_secret: 's3cret', token_endpoint_auth_method: 'client_secret_post' },
    [fetch({ grant_type: 'client_credentials' }), { op: 'revoke_token', url: '{A}/oauth/revoke' }],
  ),
  o('introspect/default-token', { client_secret: 's3cret' }, [
    fetch({ username: 'alice', password: 'pw' }),
    { op: 'introspect_token', url: '{A}/oauth/introspect' },
  ]),
  o('introspect/explicit', { client_secret: 's3cret' }, [
    fetch({ username: 'alice', password: 'pw' }),
    {
      op: 'introspect_token',
      url: '{A}/oauth/introspect',
      args: { token: 'x', token_type_hint: 'refresh_token' },
    },
  ]),
  // OAuth2Token fields
  o('token/expires-in-zero', { client_secret: 's3cret' }, [
    { op: 'set_token', args: { token: { access_token: 'a', token_type: 'Bearer', expires_in: 0 } } },
    { op: 'is_expired' },
  ]),
  o('token/expires-at-float', { client_secret: 's3cret' }, [
    {
      op: 'set_token',
      args: { token: { access_token: 'a', token_type: 'Bearer', expires_at: 4102444800.7 } },
    },
    { op: 'is_expired' },
  ]),
]
