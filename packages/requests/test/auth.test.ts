import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { startRawServer } from '@x/testserver'
import { describe, expect } from 'vitest'
import {
  AuthBase,
  HTTPBasicAuth,
  HTTPDigestAuth,
  type PreparedRequest,
  type Response,
  Session,
  get,
} from '../src/index.js'
import { it } from './fixtures.js'
import { clearNetrcCache } from '../src/auth/netrc.js'

// Ported from requests' tests/test_requests.py and test_lowlevel.py (auth).
describe('basic auth', () => {
  it('tuple, HTTPBasicAuth, session auth and URL credentials all authenticate', async ({ httpbin, s }) => {
    const url = `${httpbin.url}/basic-auth/user/pass`
    expect((await s.get(url, { auth: ['user', 'pass'] })).statusCode).toBe(200)
    expect((await s.get(url, { auth: new HTTPBasicAuth('user', 'pass') })).statusCode).toBe(200)
    expect((await s.get(url.replace('http://', 'http://user:pass@'))).statusCode).toBe(200)
    expect((await s.get(url, { auth: ['user', 'wrong'] })).statusCode).toBe(401)
    await using sess = new Session({ auth: ['user', 'pass'] })
    expect((await sess.get(url)).statusCode).toBe(200)
    expect((await sess.get(url, { auth: null })).statusCode).toBe(401)
  })

  it('non-ASCII credentials are sent as UTF-8', async ({ httpbin, s }) => {
    const r = await s.get(
      `${httpbin.url}/basic-auth/${encodeURIComponent('üser')}/${encodeURIComponent('päss')}`,
      {
        auth: ['üser', 'päss'],
      },
    )
    expect(r.statusCode).toBe(200)
  })

  it('credentials never show in inspect output', () => {
    const a = new HTTPBasicAuth('user', 'hunter2')
    expect(inspect(a)).not.toContain('hunter2')
    expect(JSON.stringify(a)).not.toContain('hunter2')
    expect(new HTTPBasicAuth('user', 'hunter2').equals(a)).toBe(true)
  })

  it('.netrc is used when trustEnv and no auth is given', async ({ httpbin, s }) => {
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'))
    const file = join(dir, 'netrc')
    writeFileSync(file, `machine 127.0.0.1 login user password pass\n`)
    const prev = process.env.NETRC
    process.env.NETRC = file
    clearNetrcCache()
    s.refreshEnvironment()
    try {
      const url = `${httpbin.url}/basic-auth/user/pass`
      expect((await s.get(url)).statusCode).toBe(200)
      expect((await s.get(url, { auth: ['user', 'wrong'] })).statusCode).toBe(401)
      const noEnv = new Session({ trustEnv: false })
      expect((await noEnv.get(url)).statusCode).toBe(401)
      await noEnv.close()
    } finally {
      if (prev === undefined) delete process.env.NETRC
      else process.env.NETRC = prev
      clearNetrcCache()
      s.refreshEnvironment()
    }
  })

  it('a .netrc created after a lookup found none is used after refreshEnvironment(), and by module-level calls within a second', async ({
    httpbin,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'))
    const file = join(dir, 'netrc')
    const prev = process.env.NETRC
    process.env.NETRC = file
    try {
      await using session = new Session()
      const url = `${httpbin.url}/basic-auth/user/pass`
      expect((await session.get(url)).statusCode).toBe(401) // no file yet: remembered as missing
      expect((await get(url)).statusCode).toBe(401)
      writeFileSync(file, 'machine 127.0.0.1 login user password pass\n')
      session.refreshEnvironment()
      expect((await session.get(url)).statusCode).toBe(200)
      // A miss is looked for again at most once a second: poll, as a user who just wrote the file would.
      const deadline = Date.now() + 3000
      let status = (await get(url)).statusCode
      while (status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        status = (await get(url)).statusCode
      }
      expect(status).toBe(200)
    } finally {
      if (prev === undefined) delete process.env.NETRC
      else process.env.NETRC = prev
      clearNetrcCache()
    }
  })
})

describe('digest auth', () => {
  it.for(['MD5', 'SHA-256', 'SHA-512-256', 'MD5-sess'])(
    'authenticates with %s and qop auth',
    async (alg, { httpbin, s }) => {
      const auth = new HTTPDigestAuth('user', 'pass')
      const r = await s.get(`${httpbin.url}/digest-auth/auth/user/pass/${alg}`, { auth })
      expect(r.statusCode).toBe(200)
      expect(r.history.map((h) => h.statusCode)).toEqual([401])
    },
  )

  it('wrong password gives the 401 after one retry only', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/digest-auth/auth/user/pass/MD5`, {
      auth: new HTTPDigestAuth('user', 'nope'),
    })
    expect(r.statusCode).toBe(401)
    expect(r.history).toHaveLength(1)
  })

  it('reuses the nonce across requests with an increasing nonce count', async ({ httpbin }) => {
    const auth = new HTTPDigestAuth('user', 'pass')
    await using sess = new Session({ auth })
    const url = `${httpbin.url}/digest-auth/auth/user/pass/SHA-256`
    const first = await sess.get(url)
    expect(first.history).toHaveLength(1)
    const second = await sess.get(url)
    expect(second.statusCode).toBe(200)
    expect(second.history).toHaveLength(0)
    expect(second.request.headers.get('authorization')).toMatch(/nc=00000002/)
  })

  it('resends the body and keeps the cookies of the challenge', async ({ httpbin, s }) => {
    const r = await s.post(`${httpbin.url}/digest-auth/auth/user/pass/MD5`, {
      auth: new HTTPDigestAuth('user', 'pass'),
      data: 'body',
    })
    expect(r.statusCode).toBe(200)
  })

  it('only answers challenges on 4xx and only once per request (raw server counts)', async ({ s }) => {
    let n = 0
    await using raw = await startRawServer((socket) => {
      n++
      socket.write(
        'HTTP/1.1 401 UNAUTHORIZED\r\nWWW-Authenticate: Digest nonce="6bf5d6e4da1ce66918800195d6b9130d", opaque="372825293d1c26955496c80ed6426e9e", realm="me@kennethreitz.com", qop=auth\r\nContent-Length: 0\r\n\r\n',
      )
    })
    const r = await s.get(raw.url, { auth: new HTTPDigestAuth('user', 'pass') })
    expect(r.statusCode).toBe(401)
    expect(n).toBe(2)
  })

  it('inspect hides the password', () => {
    const auth = new HTTPDigestAuth('Mufasa', 'Circle of Life')
    expect(inspect(auth)).toContain('Mufasa')
    expect(inspect(auth)).not.toContain('Circle')
    expect(JSON.stringify(auth)).not.toContain('Circle')
  })
})

describe('custom auth', () => {
  it('a function auth changes the prepared request', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/bearer`, {
      auth: (p: PreparedRequest) => {
        p.headers.set('Authorization', 'Bearer tok')
        return p
      },
    })
    expect(r.statusCode).toBe(200)
  })

  it('an AuthBase with handleResponse can refresh and resend', async ({ s }) => {
    class Refreshing extends AuthBase {
      token = 'stale'
      calls = 0
      apply(p: PreparedRequest) {
        p.headers.set('Authorization', `Bearer ${this.token}`)
        return p
      }
      override async handleResponse(r: Response, ctx: { send(p: PreparedRequest): Promise<Response> }) {
        this.calls++
        if (r.statusCode !== 401 || this.token === 'fresh') return undefined
        this.token = 'fresh'
        const p = this.apply(r.request.copy())
        const next = await ctx.send(p)
        next.history.unshift(r)
        return next
      }
    }
    let hits = 0
    await using raw = await startRawServer((socket, req) => {
      hits++
      const ok = req.headers.authorization === 'Bearer fresh'
      socket.write(
        `HTTP/1.1 ${ok ? '200 OK' : '401 Unauthorized'}\r\nContent-Length: 2\r\n\r\n${ok ? 'ok' : 'no'}`,
      )
    })
    const auth = new Refreshing()
    const r = await s.get(raw.url, { auth })
    expect(r.statusCode).toBe(200)
    expect(r.text).toBe('ok')
    expect(r.history.map((h) => h.statusCode)).toEqual([401])
    expect(hits).toBe(2)
    expect(auth.calls).toBe(1)
  })

  it('needsResponse() answering false skips handleResponse; a response hook still runs after it', async ({
    httpbin,
    s,
  }) => {
    const seen: string[] = []
    class OnlyOn401 extends AuthBase {
      apply(p: PreparedRequest) {
        p.headers.set('Authorization', 'Bearer t')
        return p
      }
      override needsResponse(r: Response) {
        seen.push(`needs ${r.statusCode}`)
        return r.statusCode === 401
      }
      override async handleResponse(r: Response) {
        seen.push(`handle ${r.statusCode}`)
        return undefined
      }
    }
    const hooks = { response: (r: Response) => void seen.push(`hook ${r.statusCode}`) }
    const ok = await s.get(`${httpbin.url}/status/200`, { auth: new OnlyOn401(), hooks })
    expect(ok.statusCode).toBe(200)
    expect(seen).toEqual(['needs 200', 'hook 200'])
    seen.length = 0
    const denied = await s.get(`${httpbin.url}/status/401`, { auth: new OnlyOn401(), hooks })
    expect(denied.statusCode).toBe(401)
    expect(seen).toEqual(['needs 401', 'handle 401', 'hook 401'])
  })
})
