import { readFileSync } from 'node:fs'
import { createHash, randomBytes, generateKeyPairSync, randomUUID } from 'node:crypto'
import { SignJWT, importPKCS8, exportJWK } from 'jose'
const KC = process.env.KEYCLOAK_URL
const realm = `${KC}/realms/xstack`
const oidc = `${realm}/protocol/openid-connect`
const tokenUrl = `${oidc}/token`
const form = (o) => new URLSearchParams(o)
async function post(url, body, headers = {}) {
  const r = await fetch(url, { method: 'POST', body: form(body), headers, redirect: 'manual' })
  const text = await r.text()
  let json; try { json = JSON.parse(text) } catch { json = text.slice(0, 200) }
  return { status: r.status, json, headers: r.headers }
}
const basic = (id, s) => ({ authorization: `Basic ${Buffer.from(`${id}:${s}`).toString('base64')}` })
const show = (name, r) => console.log(name, r.status, typeof r.json === 'object' ? (r.json.error ? `${r.json.error}: ${r.json.error_description}` : `token_type=${r.json.token_type} expires_in=${r.json.expires_in} keys=${Object.keys(r.json).join(',')}`) : r.json)

show('public password', await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-public', username: 'alice', password: 'alice-password', scope: 'openid' }))
show('public wrong pw', await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-public', username: 'alice', password: 'nope' }))
show('conf basic', await post(tokenUrl, { grant_type: 'password', username: 'bob', password: 'bob-password' }, basic('xstack-confidential', 'xstack-confidential-secret')))
show('conf post', await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-confidential', client_secret: 'xstack-confidential-secret', username: 'bob', password: 'bob-password' }))
show('conf wrong secret', await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-confidential', client_secret: 'bad', username: 'bob', password: 'bob-password' }))
show('service cc', await post(tokenUrl, { grant_type: 'client_credentials' }, basic('xstack-service', 'xstack-service-secret')))
const key = await importPKCS8(readFileSync('test/fixtures/xstack-jwt.private.pem', 'utf8'), 'RS256')
const now = Math.floor(Date.now() / 1000)
const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'xstack-jwt-test-key' }).setIssuer('xstack-jwt').setSubject('xstack-jwt').setAudience(realm).setJti(randomUUID()).setIssuedAt(now).setExpirationTime(now + 60).sign(key)
show('private_key_jwt cc', await post(tokenUrl, { grant_type: 'client_credentials', client_id: 'xstack-jwt', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }))
const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('xstack-secret-jwt').setSubject('xstack-secret-jwt').setAudience(realm).setJti(randomUUID()).setIssuedAt(now).setExpirationTime(now + 60).sign(new TextEncoder().encode('xstack-secret-jwt-secret-32-bytes-long'))
show('client_secret_jwt cc', await post(tokenUrl, { grant_type: 'client_credentials', client_id: 'xstack-secret-jwt', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: hs }))

// login form driver with manual cookies
async function login(url, username, password, jar = new Map()) {
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const take = (r) => { for (const c of r.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)) } }
  let r = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } }); take(r)
  for (let i = 0; i < 5 && r.status >= 300 && r.status < 400; i++) { url = new URL(r.headers.get('location'), url).href; console.log('  hop', url); r = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } }); take(r) }
  const html = await r.text()
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
  if (!action) { console.log('no form', r.status, html.slice(0, 300)); return }
  r = await fetch(action, { method: 'POST', redirect: 'manual', headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: form({ username, password, credentialId: '' }) }); take(r)
  return { status: r.status, location: r.headers.get('location'), html: r.status === 200 ? await r.text() : '', jar, cookieHeader }
}
const verifier = randomBytes(32).toString('base64url')
const challenge = createHash('sha256').update(verifier).digest('base64url')
const authUrl = `${oidc}/auth?` + form({ client_id: 'xstack-web', response_type: 'code', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' })
const l = await login(authUrl, 'alice', 'alice-password')
console.log('web login', l.status, l.location?.slice(0, 80))
const code = new URL(l.location).searchParams.get('code')
show('web code', await post(tokenUrl, { grant_type: 'authorization_code', client_id: 'xstack-web', code, redirect_uri: 'http://127.0.0.1/callback', code_verifier: verifier }))
const noPkce = await fetch(`${oidc}/auth?` + form({ client_id: 'xstack-web', response_type: 'code', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid' }), { redirect: 'manual' })
console.log('web without pkce', noPkce.status, noPkce.headers.get('location')?.slice(0, 160))



// device: approve consent
const dev = await post(`${oidc}/auth/device`, { client_id: 'xstack-device', scope: 'openid' })
const dl = await login(dev.json.verification_uri_complete, 'alice', 'alice-password')
{ const r = await fetch(new URL(dl.location, KC), { redirect: 'manual', headers: { cookie: dl.cookieHeader() } }); const h = await r.text()
  const action = /<form[^>]*action="([^"]+)"/.exec(h)[1].replaceAll('&amp;', '&'); const c = /name="code" value="([^"]+)"/.exec(h)[1]
  const r2 = await fetch(new URL(action, KC), { method: 'POST', redirect: 'manual', headers: { cookie: dl.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: form({ code: c, accept: 'Yes' }) })
  console.log('consent', r2.status, r2.headers.get('location'), (await r2.text()).match(/<h1[^>]*>[^<]*|kc-page-title[^<]*<[^<]*/g)) }
show('device token', await post(tokenUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: 'xstack-device', device_code: dev.json.device_code }))

// token exchange
const subj = await post(tokenUrl, { grant_type: 'password', username: 'alice', password: 'alice-password' }, basic('xstack-confidential', 'xstack-confidential-secret'))
console.log('subject aud', JSON.parse(Buffer.from(subj.json.access_token.split('.')[1], 'base64url')).aud)
const te = await post(tokenUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: subj.json.access_token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }, basic('xstack-exchange', 'xstack-exchange-secret'))
show('exchange', te); if (te.json.access_token) console.log('  issued_token_type', te.json.issued_token_type, JSON.parse(Buffer.from(te.json.access_token.split('.')[1], 'base64url')).aud)
const te2 = await post(tokenUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: subj.json.access_token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', audience: 'xstack-confidential' }, basic('xstack-exchange', 'xstack-exchange-secret'))
show('exchange aud', te2); if (te2.json.access_token) console.log('  aud', JSON.parse(Buffer.from(te2.json.access_token.split('.')[1], 'base64url')).aud)
show('exchange by confidential (not enabled)', await post(tokenUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: subj.json.access_token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }, basic('xstack-confidential', 'xstack-confidential-secret')))

// PAR
const par = await post(`${oidc}/ext/par/request`, { client_id: 'xstack-par', response_type: 'code', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid', state: 'p1' }, basic('xstack-par', 'xstack-par-secret'))
console.log('par', par.status, par.json)
const noPar = await fetch(`${oidc}/auth?` + form({ client_id: 'xstack-par', response_type: 'code', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid' }), { redirect: 'manual' })
console.log('auth without par', noPar.status, noPar.headers.get('location')?.slice(0, 140))
const pl = await login(`${oidc}/auth?` + form({ client_id: 'xstack-par', request_uri: par.json.request_uri }), 'bob', 'bob-password')
console.log('par login', pl.status, pl.location?.slice(0, 60))
show('par code', await post(tokenUrl, { grant_type: 'authorization_code', code: new URL(pl.location).searchParams.get('code'), redirect_uri: 'http://127.0.0.1/callback' }, basic('xstack-par', 'xstack-par-secret')))

// DPoP
const { privateKey: dk, publicKey: dpub } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const djwk = await exportJWK(dpub)
const proof = (htm, htu, extra = {}) => new SignJWT({ htm, htu, ...extra }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: djwk }).setJti(randomUUID()).setIssuedAt().sign(dk)
show('dpop without proof', await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-dpop', username: 'alice', password: 'alice-password', scope: 'openid' }))
const dt = await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-dpop', username: 'alice', password: 'alice-password', scope: 'openid' }, { dpop: await proof('POST', tokenUrl) })
show('dpop token', dt); console.log('  nonce hdr', dt.headers.get('dpop-nonce'), 'cnf', JSON.parse(Buffer.from(dt.json.access_token.split('.')[1], 'base64url')).cnf)
const ui = `${oidc}/userinfo`
const ath = createHash('sha256').update(dt.json.access_token).digest('base64url')
let u = await fetch(ui, { headers: { authorization: `DPoP ${dt.json.access_token}`, dpop: await proof('GET', ui, { ath }) } }); console.log('userinfo dpop', u.status, u.headers.get('www-authenticate'), (await u.text()).slice(0, 100))
u = await fetch(ui, { headers: { authorization: `Bearer ${dt.json.access_token}` } }); console.log('userinfo bearer w/o proof', u.status, u.headers.get('www-authenticate'))

// userinfo, introspect, revoke, end session
const t = (await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-public', username: 'alice', password: 'alice-password', scope: 'openid' })).json
u = await fetch(ui, { headers: { authorization: `Bearer ${t.access_token}` } }); console.log('userinfo', u.status, await u.text())
const intro = (tok) => post(`${oidc}/token/introspect`, { token: tok }, basic('xstack-confidential', 'xstack-confidential-secret'))
console.log('introspect', (await intro(t.access_token)).json.active)
const rv = await post(`${oidc}/revoke`, { token: t.access_token, token_type_hint: 'access_token', client_id: 'xstack-public' }); console.log('revoke', rv.status)
console.log('introspect after revoke', JSON.stringify((await intro(t.access_token)).json))
const rvr = await post(`${oidc}/revoke`, { token: t.refresh_token, client_id: 'xstack-public' }); console.log('revoke refresh', rvr.status)
show('refresh after revoke', await post(tokenUrl, { grant_type: 'refresh_token', client_id: 'xstack-public', refresh_token: t.refresh_token }))
const disc = await (await fetch(`${realm}/.well-known/openid-configuration`)).json()
console.log('disc', disc.issuer, disc.end_session_endpoint, disc.pushed_authorization_request_endpoint, disc.device_authorization_endpoint, disc.dpop_signing_alg_values_supported, disc.grant_types_supported)
// refresh rotation
const t2 = (await post(tokenUrl, { grant_type: 'password', client_id: 'xstack-public', username: 'bob', password: 'bob-password', scope: 'openid' })).json
const r1 = await post(tokenUrl, { grant_type: 'refresh_token', client_id: 'xstack-public', refresh_token: t2.refresh_token }); show('refresh 1', r1); console.log('  rotated', r1.json.refresh_token !== t2.refresh_token)
show('refresh reuse', await post(tokenUrl, { grant_type: 'refresh_token', client_id: 'xstack-public', refresh_token: t2.refresh_token }))
// end session
const es = await fetch(`${disc.end_session_endpoint}?` + form({ id_token_hint: t2.id_token, post_logout_redirect_uri: 'http://127.0.0.1/logged-out', client_id: 'xstack-public', state: 'bye' }), { redirect: 'manual' })
console.log('end session', es.status, es.headers.get('location'), (await es.text()).match(/<form[^>]*>|<input[^>]*>|<h1[^>]*>[^<]*/g))
