// Property-based fuzzing with fast-check (seeded, bounded runs): for any header value, URL, cookie string,
// Link header, WWW-Authenticate challenge or token response, the library either accepts it or throws its own
// typed error (PoolError / RequestException / OAuthError / TypeError with a code): never a foreign error, a
// crash or a hang. Accepted values never put CR/LF on the wire.
import { OAuth2Session } from '@x/oauth2'
import { HTTPHeaderDict, PoolManager, parseUrl } from '@x/pool'
import { HTTPDigestAuth, Request, RequestsCookieJar, Response, type RawResponse, Session } from '@x/requests'
import type { RawRequest } from '@x/testserver'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeError, isTyped, type RawServer, raw, track } from './helpers.ts'

const RUNS = { seed: 20261128, numRuns: 200 }
const HANG_MS = 3_000

/** Rejects with a "hang" error when `promise` takes longer than HANG_MS. */
function bounded<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no outcome within ${HANG_MS} ms`)), HANG_MS)
  })
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer))
}

/** Runs `fn`; a thrown error must be typed. Returns whether it succeeded. */
async function acceptOrTyped(fn: () => unknown): Promise<boolean> {
  try {
    await bounded(Promise.resolve().then(fn))
    return true
  } catch (error) {
    if (!isTyped(error)) throw new Error(`foreign error: ${describeError(error)}`, { cause: error })
    return false
  }
}

/** Strings with a bias towards the characters that break HTTP: controls, separators, quotes, non-ASCII. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '\r',
        '\n',
        '\0',
        '\t',
        ' ',
        '"',
        ';',
        ',',
        '=',
        ':',
        '\\',
        '<',
        '>',
        '\x7f',
        'é',
        '\u2028',
        'a',
        'Z',
        '%0d',
      ),
      { maxLength: 20 },
    )
    .map((a) => a.join('')),
)
/** Strings that are legal in a response header value (no CR, LF or NUL). */
const headerSafe = nasty.map((s) => s.replace(/[\r\n\0]/g, '').replace(/[^\x09\x20-\x7e\x80-\xff]/g, 'x'))

let echo: RawServer
let last: RawRequest | undefined
let pm: PoolManager
let session: Session
beforeAll(async () => {
  echo = track(
    await raw((socket, request) => {
      last = request
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    }),
  )
  pm = new PoolManager({ retries: false, timeout: { connect: 1_000, read: 1_000 } })
  session = new Session({ trustEnv: false, timeout: 1_000 })
})
afterAll(async () => {
  await Promise.all([pm.close(), session.close(), echo.close()])
})

/** The last raw request (a function: assignments in the server callback are invisible to narrowing). */
const lastRequest = (): RawRequest | undefined => last
/** Header lines of the last raw request (after the request line). */
const headerLines = () => (lastRequest()?.rawHead ?? '').split('\r\n').slice(1)

describe('header values and names', () => {
  test('HTTPHeaderDict.set: accepts or throws a coded TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (name, value) => {
        await acceptOrTyped(() => new HTTPHeaderDict().set(name, value))
      }),
      RUNS,
    )
  })

  test('@x/pool request headers: accepted values arrive as exactly one header line', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (value) => {
        last = undefined
        const ok = await acceptOrTyped(() =>
          pm.request('GET', `${echo.url}/h`, { headers: { 'X-Fuzz': value } }),
        )
        if (!ok) return
        expect(value).not.toMatch(/[\r\n\0]/)
        expect(headerLines().filter((l) => /^x-fuzz:/i.test(l))).toHaveLength(1)
      }),
      RUNS,
    )
  })

  test('@x/requests headers: accepted or a RequestException / coded TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant('X-Fuzz'), nasty), nasty, async (name, value) => {
        const ok = await acceptOrTyped(() => session.get(`${echo.url}/h`, { headers: { [name]: value } }))
        if (ok) expect(`${name}${value}`).not.toMatch(/[\r\n]/)
      }),
      RUNS,
    )
  })
})

describe('URLs', () => {
  test('parseUrl: a Url or a LocationParseError, credentials never in the message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), nasty),
        async (url) => {
          try {
            parseUrl(url)
          } catch (error) {
            expect(isTyped(error), describeError(error)).toBe(true)
          }
        },
      ),
      RUNS,
    )
  })

  test('@x/requests Request.prepare: any URL is prepared or refused with a RequestException', async () => {
    const urls = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      nasty.map((s) => `http://${s}@127.0.0.1/`),
      nasty,
      nasty.map((s) => `http://${s}`),
      nasty.map((s) => `http://127.0.0.1/${s}`),
    )
    await fc.assert(
      fc.asyncProperty(urls, async (url) => {
        await acceptOrTyped(() => new Request('GET', url).prepare())
      }),
      RUNS,
    )
  })

  test('@x/pool and @x/requests: any path on a loopback origin is sent safely or refused', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (path) => {
        const url = `${echo.url}/${path}`
        for (const send of [() => pm.request('GET', url), () => session.get(url)]) {
          last = undefined
          const ok = await acceptOrTyped(send)
          if (ok) expect(lastRequest()?.rawHead.split('\r\n')[0]).toMatch(/^GET \/\S* HTTP\/1\.1$/)
        }
      }),
      RUNS,
    )
  })
})

describe('cookies', () => {
  test('Set-Cookie strings: stored or ignored; the Cookie header built from the jar is always a legal value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nasty, { maxLength: 4 }), async (setCookies) => {
        const jar = new RequestsCookieJar()
        await acceptOrTyped(() => jar.extractCookies(setCookies, 'http://127.0.0.1/path'))
        const header = jar.cookieHeader('http://127.0.0.1/path')
        expect(header).not.toMatch(/[\r\n\0]/)
      }),
      RUNS,
    )
  })

  test('cookies option values: sent as a legal header or refused typed', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (name, value) => {
        last = undefined
        const ok = await acceptOrTyped(() =>
          session.get(`${echo.url}/c`, { cookies: { [name || 'n']: value } }),
        )
        if (ok) expect(lastRequest()?.headers.cookie ?? '').not.toMatch(/[\r\n]/)
      }),
      RUNS,
    )
  })
})

/** A Response over a hand-made raw response with these headers. */
function responseWith(headers: Array<[string, string]>): Response {
  const dict = new HTTPHeaderDict(headers)
  const rawResponse: RawResponse = {
    status: 200,
    reason: 'OK',
    url: 'http://127.0.0.1/',
    headers: dict,
    data: new Uint8Array(),
    stream: async function* () {},
    releaseConn() {},
    drainConn: async () => {},
    close() {},
  }
  return new Response(rawResponse, new Uint8Array())
}

describe('Link headers', () => {
  const link = fc.oneof(
    headerSafe,
    fc
      .array(fc.tuple(headerSafe, headerSafe, headerSafe), { maxLength: 4 })
      .map((parts) => parts.map(([u, k, v]) => `<${u}>; ${k}="${v}"`).join(', ')),
  )
  test('Response.links parses anything or throws typed, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(link, async (value) => {
        await acceptOrTyped(() => responseWith([['Link', value]]).links)
      }),
      RUNS,
    )
  })
})

describe('WWW-Authenticate challenges', () => {
  let challenger: RawServer
  let challenge = ''
  let answers: RawRequest[] = []
  beforeAll(async () => {
    challenger = track(
      await raw((socket, request) => {
        answers.push(request)
        socket.write(
          `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${challenge}\r\nContent-Length: 0\r\n\r\n`,
        )
      }),
    )
  })

  const challenges = fc.oneof(
    headerSafe.map((s) => `Digest ${s}`),
    fc
      .record({
        realm: headerSafe,
        nonce: headerSafe,
        qop: fc.constantFrom('auth', 'auth-int', 'auth,auth-int', '', 'x'),
        algorithm: fc.constantFrom('MD5', 'SHA-256', 'SHA-512-256-SESS', 'md5-sess', 'BOGUS', ''),
        opaque: headerSafe,
      })
      .map(
        (c) =>
          `Digest ${Object.entries(c)
            .map(([k, v]) => `${k}="${v.replace(/"/g, '\\"')}"`)
            .join(', ')}`,
      ),
    headerSafe.map((s) => `Bearer ${s}`),
  )

  test('HTTPDigestAuth answers, gives up or throws typed; its Authorization header is always legal', async () => {
    await using s = new Session({ trustEnv: false, timeout: 1_000 })
    await fc.assert(
      fc.asyncProperty(challenges, async (c) => {
        challenge = c
        answers = []
        const ok = await acceptOrTyped(() =>
          s.get(`${challenger.url}/`, { auth: new HTTPDigestAuth('user', 'pass') }),
        )
        if (ok) expect(answers.length).toBeLessThanOrEqual(2)
        for (const a of answers) expect(a.headers.authorization ?? '').not.toMatch(/[\r\n]/)
      }),
      RUNS,
    )
  })

  test('OAuth2Session 401 handling with any Bearer challenge: no loop, typed or the 401', async () => {
    await using client = new OAuth2Session({
      clientId: 'app',
      trustEnv: false,
      timeout: 1_000,
      token: { access_token: 'at', token_type: 'Bearer', expires_in: 3600 },
    })
    await fc.assert(
      fc.asyncProperty(challenges, async (c) => {
        challenge = c
        answers = []
        await acceptOrTyped(() => client.get(`${challenger.url}/`))
        expect(answers.length).toBeLessThanOrEqual(2)
      }),
      RUNS,
    )
  })
})

describe('token responses', () => {
  let tokenServer: RawServer
  let body = ''
  let status = 200
  beforeAll(async () => {
    tokenServer = track(
      await raw((socket) => {
        const bytes = Buffer.from(body)
        socket.write(
          `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`,
        )
        socket.write(bytes)
      }),
    )
  })

  const tokenLike = fc.record(
    {
      access_token: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('')),
      token_type: fc.oneof(fc.constantFrom('Bearer', 'bearer', 'DPoP', 'mac', ''), fc.string(), fc.integer()),
      expires_in: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      refresh_token: fc.oneof(fc.string(), fc.integer()),
      scope: fc.oneof(fc.string(), fc.array(fc.string())),
      id_token: fc.oneof(fc.string(), fc.constant('a.b.c')),
      error: fc.oneof(fc.string(), fc.integer()),
      error_description: fc.string(),
      __proto__: fc.constant({ polluted: true }),
    },
    { requiredKeys: [] },
  )

  test('fetchToken: an OAuth2Token with a string access_token, or an OAuthError', async () => {
    await using client = new OAuth2Session({ clientId: 'app', trustEnv: false, timeout: 1_000 })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          tokenLike.map((t) => JSON.stringify(t)),
          fc.json(),
          nasty,
        ),
        fc.constantFrom(200, 200, 400, 401, 500),
        async (text, code) => {
          body = text
          status = code
          let token: unknown
          const ok = await acceptOrTyped(async () => {
            token = await client.fetchToken(`${tokenServer.url}/token`, { grantType: 'client_credentials' })
          })
          if (ok) {
            expect(typeof (token as { access_token: unknown }).access_token).toBe('string')
            expect((token as { access_token: string }).access_token.length).toBeGreaterThan(0)
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        },
      ),
      RUNS,
    )
  })
})
