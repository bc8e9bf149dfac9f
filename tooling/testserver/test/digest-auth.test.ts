import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'

let httpbin: Awaited<ReturnType<typeof startHttpbin>>
beforeAll(async () => {
  httpbin = await startHttpbin()
})
afterAll(() => httpbin.close())

const NODE_HASH: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' }

function challengeParams(header: string): Record<string, string> {
  expect(header).toMatch(/^Digest /)
  const params: Record<string, string> = {}
  for (const [, key, quoted, bare] of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    params[key!] = quoted ?? bare ?? ''
  }
  return params
}

/** A digest client written from RFC 7616, independent of the server code. */
function authorization(
  challenge: Record<string, string>,
  options: { user: string; password: string; method: string; uri: string; body?: string; nc?: string },
): string {
  const algorithm = challenge.algorithm ?? 'MD5'
  const sess = algorithm.endsWith('-sess')
  const h = (text: string) =>
    createHash(NODE_HASH[algorithm.replace(/-sess$/, '')]!)
      .update(text)
      .digest('hex')
  const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ'
  const nc = options.nc ?? '00000001'
  let ha1 = h(`${options.user}:${challenge.realm}:${options.password}`)
  if (sess) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`)
  const qop = challenge.qop
  const ha2 =
    qop === 'auth-int'
      ? h(`${options.method}:${options.uri}:${h(options.body ?? '')}`)
      : h(`${options.method}:${options.uri}`)
  const response = qop
    ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : h(`${ha1}:${challenge.nonce}:${ha2}`)
  const parts = [
    `username="${options.user}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${options.uri}"`,
    `algorithm=${algorithm}`,
    `response="${response}"`,
    `opaque="${challenge.opaque}"`,
  ]
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`)
  return `Digest ${parts.join(', ')}`
}

async function challengeFor(uri: string, method = 'GET'): Promise<Record<string, string>> {
  const res = await fetch(`${httpbin.url}${uri}`, { method })
  expect(res.status).toBe(401)
  return challengeParams(res.headers.get('www-authenticate') ?? '')
}

describe('/digest-auth', () => {
  it.each(['MD5', 'SHA-256', 'SHA-512-256', 'MD5-sess', 'SHA-256-sess'])(
    'qop=auth with %s: challenge, then 200 for the right response',
    async (algorithm) => {
      const uri = `/digest-auth/auth/user/passwd/${algorithm}`
      const challenge = await challengeFor(uri)
      expect(challenge).toMatchObject({ qop: 'auth', algorithm, stale: 'FALSE' })
      const header = authorization(challenge, { user: 'user', password: 'passwd', method: 'GET', uri })
      const res = await fetch(`${httpbin.url}${uri}`, { headers: { authorization: header } })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ authenticated: true, user: 'user' })
    },
  )

  it('defaults to MD5 when the path has no algorithm', async () => {
    const uri = '/digest-auth/auth/u/p'
    const challenge = await challengeFor(uri)
    expect(challenge.algorithm).toBe('MD5')
    const header = authorization(challenge, { user: 'u', password: 'p', method: 'GET', uri })
    expect((await fetch(`${httpbin.url}${uri}`, { headers: { authorization: header } })).status).toBe(200)
  })

  it('rejects a wrong password and a nonce it never issued with a fresh challenge', async () => {
    const uri = '/digest-auth/auth/user/passwd/SHA-256'
    const challenge = await challengeFor(uri)
    const wrong = authorization(challenge, { user: 'user', password: 'nope', method: 'GET', uri })
    const res = await fetch(`${httpbin.url}${uri}`, { headers: { authorization: wrong } })
    expect(res.status).toBe(401)
    expect(challengeParams(res.headers.get('www-authenticate') ?? '').nonce).not.toBe(challenge.nonce)
    const forged = authorization(
      { ...challenge, nonce: 'feedface' },
      { user: 'user', password: 'passwd', method: 'GET', uri },
    )
    expect((await fetch(`${httpbin.url}${uri}`, { headers: { authorization: forged } })).status).toBe(401)
  })

  it('qop=auth-int hashes the body', async () => {
    const uri = '/digest-auth/auth-int/user/passwd/SHA-256'
    const challenge = await challengeFor(uri, 'POST')
    expect(challenge.qop).toBe('auth-int')
    const header = authorization(challenge, {
      user: 'user',
      password: 'passwd',
      method: 'POST',
      uri,
      body: 'hello',
    })
    const ok = await fetch(`${httpbin.url}${uri}`, {
      method: 'POST',
      body: 'hello',
      headers: { authorization: header },
    })
    expect(ok.status).toBe(200)
    const tampered = await fetch(`${httpbin.url}${uri}`, {
      method: 'POST',
      body: 'other',
      headers: { authorization: header },
    })
    expect(tampered.status).toBe(401)
  })

  it('works without qop (RFC 2069 style) when the path qop is neither auth nor auth-int', async () => {
    const uri = '/digest-auth/none/user/passwd/MD5'
    const challenge = await challengeFor(uri)
    expect(challenge.qop).toBeUndefined()
    const header = authorization(challenge, { user: 'user', password: 'passwd', method: 'GET', uri })
    expect((await fetch(`${httpbin.url}${uri}`, { headers: { authorization: header } })).status).toBe(200)
  })

  it('answers stale=TRUE once a nonce was used stale_after times', async () => {
    const uri = '/digest-auth/auth/user/passwd/MD5/1'
    const challenge = await challengeFor(uri)
    const first = authorization(challenge, { user: 'user', password: 'passwd', method: 'GET', uri })
    expect((await fetch(`${httpbin.url}${uri}`, { headers: { authorization: first } })).status).toBe(200)
    const second = authorization(challenge, {
      user: 'user',
      password: 'passwd',
      method: 'GET',
      uri,
      nc: '00000002',
    })
    const stale = await fetch(`${httpbin.url}${uri}`, { headers: { authorization: second } })
    expect(stale.status).toBe(401)
    expect(challengeParams(stale.headers.get('www-authenticate') ?? '').stale).toBe('TRUE')
  })

  it('answers 404 for an unknown algorithm', async () => {
    expect((await fetch(`${httpbin.url}/digest-auth/auth/u/p/SHA-1`)).status).toBe(404)
  })
})
