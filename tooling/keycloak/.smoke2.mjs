const KC = process.env.KEYCLOAK_URL
const oidc = `${KC}/realms/xstack/protocol/openid-connect`
const basic = (id, s) => ({ authorization: `Basic ${Buffer.from(`${id}:${s}`).toString('base64')}` })
const post = async (u, b, h = {}) => { const r = await fetch(u, { method: 'POST', body: new URLSearchParams(b), headers: h }); return { status: r.status, json: await r.json().catch(() => null) } }
const t = (await post(`${oidc}/token`, { grant_type: 'password', username: 'alice', password: 'alice-password', scope: 'openid' }, basic('xstack-confidential', 'xstack-confidential-secret'))).json
const i = await post(`${oidc}/token/introspect`, { token: t.access_token }, basic('xstack-confidential', 'xstack-confidential-secret'))
console.log(i.status, JSON.stringify(i.json).slice(0, 300))
const i2 = await post(`${oidc}/token/introspect`, { token: t.refresh_token, token_type_hint: 'refresh_token' }, basic('xstack-confidential', 'xstack-confidential-secret'))
console.log(i2.status, JSON.stringify(i2.json).slice(0, 200))
const p = (await post(`${oidc}/token`, { grant_type: 'password', client_id: 'xstack-public', username: 'alice', password: 'alice-password', scope: 'openid' })).json
const i3 = await post(`${oidc}/token/introspect`, { token: p.access_token }, basic('xstack-exchange', 'xstack-exchange-secret'))
console.log('public tok by exchange', JSON.stringify(i3.json).slice(0, 100))
console.log(JSON.parse(Buffer.from(p.access_token.split('.')[1], 'base64url')))
