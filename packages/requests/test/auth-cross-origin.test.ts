// Regression: an auth object's response handling followed a redirect to another origin, so HTTPDigestAuth
// answered the foreign host's Digest challenge with a hash derived from the password (tooling/security
// credentials.test.ts). Auth now stops where requests' rebuild_auth strips Authorization.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startHttpServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import { AuthBase, HTTPDigestAuth, type PreparedRequest, type Response, Session } from '../src/index.js'

/** A server that records the path and Authorization header of each request; `await using` closes it. */
interface Recorder extends AsyncDisposable {
  url: string
  seen: Array<{ path: string; authorization: string | undefined }>
}

async function recorder(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host = '127.0.0.1',
): Promise<Recorder> {
  const seen: Recorder['seen'] = []
  const server = await startHttpServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization })
    handler(req, res)
  })
  return { url: `http://${host}:${server.port}`, seen, [Symbol.asyncDispose]: () => server.close() }
}

/** Answers 401 with a Digest challenge until an Authorization header arrives. */
function challenging(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.authorization) {
    res.writeHead(200, { 'content-length': 2 }).end('ok')
    return
  }
  res.writeHead(401, {
    'www-authenticate': 'Digest realm="r", nonce="abc", qop="auth", algorithm=MD5',
    'content-length': 0,
  })
  res.end()
}

function redirecting(target: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url?.startsWith('/start')) {
      res.writeHead(302, { location: target(), 'content-length': 0 }).end()
      return
    }
    challenging(req, res)
  }
}

describe('auth does not follow a redirect to another origin', () => {
  it('HTTPDigestAuth does not answer the challenge of the host a redirect led to', async () => {
    await using b = await recorder(challenging)
    await using a = await recorder(redirecting(() => `${b.url}/landing`))
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${a.url}/start`, { auth: new HTTPDigestAuth('user', 'secret') })
    expect(r.statusCode).toBe(401)
    expect(b.seen.map((x) => x.authorization)).toEqual([undefined])
    expect(r.history.map((h) => h.statusCode)).toEqual([302])
  })

  it('a host change too, with the session auth', async () => {
    await using b = await recorder(challenging, 'localhost')
    await using a = await recorder(redirecting(() => `${b.url}/landing`))
    await using s = new Session({ trustEnv: false, auth: new HTTPDigestAuth('user', 'secret') })
    await s.get(`${a.url}/start`)
    expect(b.seen.filter((x) => x.authorization)).toEqual([])
  })

  it('HTTPDigestAuth still answers a challenge after a same-origin redirect', async () => {
    await using a: Recorder = await recorder(redirecting(() => '/landing'))
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${a.url}/start`, { auth: new HTTPDigestAuth('user', 'secret') })
    expect(r.statusCode).toBe(200)
    expect(a.seen.map((x) => x.path)).toEqual(['/start', '/landing', '/landing'])
    expect(a.seen.at(-1)?.authorization).toMatch(/^Digest username="user"/)
  })

  it('a custom auth only sees responses to requests it was applied to', async () => {
    const seen: string[] = []
    class Recording extends AuthBase {
      apply(p: PreparedRequest): PreparedRequest {
        p.headers.set('Authorization', 'Bearer t0k3n')
        return p
      }
      override async handleResponse(r: Response): Promise<undefined> {
        seen.push(new URL(r.url).port)
        return undefined
      }
    }
    await using b = await recorder((_req, res) => res.writeHead(200, { 'content-length': 0 }).end())
    await using a = await recorder(redirecting(() => `${b.url}/landing`))
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${a.url}/start`, { auth: new Recording() })
    expect(r.statusCode).toBe(200)
    expect(seen).toEqual([new URL(a.url).port])
    expect(b.seen.map((x) => x.authorization)).toEqual([undefined])
  })

  it('A -> B -> A: auth handling dropped at the foreign hop is not restored on the way back', async () => {
    await using a: Recorder = await recorder((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `${b.url}/bounce`, 'content-length': 0 }).end()
      else challenging(req, res)
    })
    await using b = await recorder((_req, res) => {
      res.writeHead(302, { location: `${a.url}/back`, 'content-length': 0 }).end()
    })
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${a.url}/start`, { auth: new HTTPDigestAuth('user', 'secret') })
    expect(r.statusCode).toBe(401)
    expect(a.seen.filter((x) => x.authorization)).toEqual([])
  })
})
