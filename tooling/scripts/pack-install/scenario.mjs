// The seed scenario, run from a project that installed the packed tarballs with npm: a PoolManager GET, a
// requests Session with cookies, a redirect, a FormData upload to a URL object and an HTTPError, the
// @x/requests/testing entry point (Responses on MockAgent), an OAuth2Session that fetches a client-credentials
// token from a local token endpoint and sends it, and, when KEYCLOAK_URL is set, the password grant, a refresh
// and a refused refresh against Keycloak's xstack realm.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'

export async function scenario(label, { pool, requests, oauth2, testing }) {
  const httpbin = process.env.HTTPBIN_URL
  assert.ok(httpbin, 'HTTPBIN_URL is set')

  await using pm = new pool.PoolManager({ retries: new pool.Retry({ total: 2 }) })
  const r1 = await pm.request('GET', `${httpbin}/get?a=1`)
  assert.equal(r1.status, 200)
  assert.deepEqual(r1.json().args, { a: '1' })

  const plain = await requests.get(`${httpbin}/json`)
  assert.equal(String(plain.statusCode), '200')
  await using s = new requests.Session()
  const r2 = await s.get(`${httpbin}/cookies/set?flavour=oat`)
  assert.equal(r2.history.length, 1)
  assert.deepEqual(r2.json().cookies, { flavour: 'oat' })
  assert.equal(String(r2), '<Response [200]>')
  const form = new FormData()
  form.append('doc', new File(['file bytes'], 'doc.txt', { type: 'text/plain' }))
  assert.deepEqual((await s.post(new URL('/post', httpbin), { data: form })).json().files, {
    doc: 'file bytes',
  })
  const missing = await s.get(`${httpbin}/status/404`)
  assert.throws(
    () => missing.raiseForStatus(),
    (e) => e instanceof requests.HTTPError && e instanceof requests.RequestException,
  )

  // the testing entry point: the `responses` helper on undici's MockAgent
  {
    await using mock = new testing.Responses()
    mock.add('GET', 'http://api.test/users', { json: [{ id: 1 }] })
    await using mocked = new requests.Session({ dispatcher: mock.dispatcher })
    assert.deepEqual((await mocked.get('http://api.test/users')).json(), [{ id: 1 }])
    await assert.rejects(mocked.get('http://api.test/other'), testing.UnregisteredCallError)
    mock.assertAllCalled()
  }

  // a local token endpoint: client_credentials only
  let issued = 0
  const tokens = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const form = new URLSearchParams(body)
      const basic = Buffer.from('svc:svc-secret').toString('base64')
      const ok =
        form.get('grant_type') === 'client_credentials' && req.headers.authorization === `Basic ${basic}`
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify(
          ok
            ? { access_token: `at-${++issued}`, token_type: 'Bearer', expires_in: 300 }
            : { error: 'invalid_client' },
        ),
      )
    })
  })
  await new Promise((resolve) => tokens.listen(0, '127.0.0.1', resolve))
  try {
    const tokenUrl = `http://127.0.0.1:${tokens.address().port}/token`
    await using client = new oauth2.OAuth2Session({ clientId: 'svc', clientSecret: 'svc-secret' })
    const token = await client.fetchToken(tokenUrl, { grantType: 'client_credentials' })
    assert.equal(token.access_token, 'at-1')
    const bearer = await client.get(`${httpbin}/bearer`)
    assert.deepEqual(bearer.json(), { authenticated: true, token: 'at-1' })
    const bad = new oauth2.OAuth2Session({ clientId: 'svc', clientSecret: 'wrong' })
    await assert.rejects(
      bad.fetchToken(tokenUrl, { grantType: 'client_credentials' }),
      (e) => e instanceof oauth2.OAuthError && e.error === 'invalid_client',
    )
    await bad.close()
  } finally {
    tokens.close()
  }

  const keycloak = process.env.KEYCLOAK_URL
  if (keycloak) {
    const tokenUrl = `${keycloak}/realms/xstack/protocol/openid-connect/token`
    await using kc = new oauth2.OAuth2Session({
      clientId: 'xstack-confidential',
      clientSecret: 'xstack-confidential-secret',
    })
    const token = await kc.fetchToken(tokenUrl, {
      grantType: 'password',
      username: 'alice',
      password: 'alice-password',
    })
    assert.ok(token.refresh_token)
    const renewed = await kc.refreshToken(tokenUrl, { refreshToken: token.refresh_token })
    assert.notEqual(renewed.access_token, token.access_token)
    await assert.rejects(
      kc.refreshToken(tokenUrl, { refreshToken: 'not-a-refresh-token' }),
      (e) => e instanceof oauth2.OAuthError && e.error === 'invalid_grant',
    )
    console.log(`pack-install: ${label}: pool, requests, oauth2 (local token endpoint and Keycloak) ok`)
  } else {
    console.log(
      `pack-install: ${label}: pool, requests, oauth2 (local token endpoint) ok; Keycloak part skipped: KEYCLOAK_URL is not set`,
    )
  }
}
