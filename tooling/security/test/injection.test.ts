// Request smuggling / header injection: CR, LF and other control characters in header names and values,
// methods, paths, hosts, cookie values and OAuth parameters are refused before a byte is sent (the raw
// server never even sees a connection), with a typed error of the layer.
import { createAuthorizationUrl, OAuth2Session } from '@x/oauth2'
import { HTTPHeaderDict, LocationParseError, PoolManager, ProxyManager } from '@x/pool'
import { InvalidHeader, RequestException, Session } from '@x/requests'
import { afterEach, describe, expect, test } from 'vitest'
import { closeAll, describeError, isTyped, type RawServer, raw, recorder } from './helpers.ts'

afterEach(closeAll)

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
const okServer = () => raw((socket) => socket.write(OK))

/** Asserts `attempt` fails with a typed error and `server` never saw a connection. */
async function refused(server: RawServer, attempt: () => Promise<unknown>, check?: (e: Error) => void) {
  let error: unknown
  try {
    await attempt()
  } catch (e) {
    error = e
  }
  expect(error, 'the request was sent').toBeDefined()
  expect(isTyped(error), describeError(error)).toBe(true)
  check?.(error as Error)
  expect(server.connections).toBe(0)
}

const BAD_VALUES: Array<[string, string]> = [
  ['CRLF + header', 'a\r\nX-Injected: 1'],
  ['bare LF', 'a\nX-Injected: 1'],
  ['bare CR', 'a\rX-Injected: 1'],
  ['NUL', 'a\0b'],
  ['DEL', 'a\x7fb'],
  ['C0 control', 'a\x01b'],
  ['CRLF CRLF + smuggled request', 'a\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x'],
]
const BAD_NAMES: Array<[string, string]> = [
  ['CRLF', 'X-A\r\nX-Injected'],
  ['colon', 'X-A: 1\r\nX-B'],
  ['space', 'X A'],
  ['NUL', 'X-A\0'],
  ['empty', ''],
]
const BAD_METHODS = ['GET /evil HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET', 'GE T', 'GET\r\n', 'GET\0', '']
const BAD_URL_PARTS: Array<[string, (base: string) => string]> = [
  ['CRLF in the path (urllib3 CVE-2019-11236)', (b) => `${b}/a\r\nX-Injected: 1`],
  ['LF in the path', (b) => `${b}/a\nX-Injected: 1`],
  ['CRLF in the query (CVE-2019-9740)', (b) => `${b}/a?q=1\r\nX-Injected: 1`],
  ['tab in the path', (b) => `${b}/a\tb`],
  ['NUL in the path', (b) => `${b}/a\0b`],
  ['CRLF in the host', (b) => b.replace('127.0.0.1', '127.0.0.1\r\nX-Injected: 1')],
  ['space in the path', (b) => `${b}/a HTTP/1.1\r\nX-Injected: 1`],
]

describe('@x/pool refuses before connecting (undici CVE-2022-35948 / CVE-2022-31150 CRLF injection)', () => {
  for (const [label, value] of BAD_VALUES) {
    test(`header value with ${label}`, async () => {
      const server = await okServer()
      await using pm = new PoolManager({ retries: false })
      await refused(server, () => pm.request('GET', `${server.url}/`, { headers: { 'X-Test': value } }))
    })
  }
  for (const [label, name] of BAD_NAMES) {
    test(`header name with ${label}`, async () => {
      const server = await okServer()
      await using pm = new PoolManager({ retries: false })
      await refused(server, () => pm.request('GET', `${server.url}/`, { headers: { [name]: 'v' } }))
    })
  }
  for (const method of BAD_METHODS) {
    test(`method ${JSON.stringify(method)}`, async () => {
      const server = await okServer()
      await using pm = new PoolManager({ retries: false })
      await refused(server, () => pm.request(method, `${server.url}/`))
    })
  }
  for (const [label, url] of BAD_URL_PARTS) {
    test(`URL with ${label}`, async () => {
      const server = await okServer()
      await using pm = new PoolManager({ retries: false })
      await refused(
        server,
        () => pm.request('GET', url(server.url)),
        (e) => expect(e).toBeInstanceOf(LocationParseError),
      )
    })
  }
  test('HTTPHeaderDict refuses a bad value at set() and add()', () => {
    const dict = new HTTPHeaderDict()
    for (const [, value] of BAD_VALUES) {
      expect(() => dict.set('X-Test', value)).toThrow(TypeError)
      expect(() => dict.add('X-Test', value)).toThrow(TypeError)
    }
  })
  test('manager default headers and proxy headers are validated at construction', () => {
    expect(() => new PoolManager({ headers: { 'X-Test': 'a\r\nb' } })).toThrow(TypeError)
    expect(() => new ProxyManager('http://127.0.0.1:9', { proxyHeaders: { 'X-Test': 'a\r\nb' } })).toThrow(
      TypeError,
    )
  })
  test('a percent-encoded CRLF stays encoded on the wire', async () => {
    let head = ''
    const server = await raw((socket, request) => {
      head = request.rawHead
      socket.write(OK)
    })
    await using pm = new PoolManager({ retries: false })
    await pm.request('GET', `${server.url}/a%0D%0AX-Injected:%201?q=%0d%0a`)
    expect(head).not.toMatch(/\r\nX-Injected/i)
    expect(head.split('\r\n')[0]).toBe('GET /a%0D%0AX-Injected:%201?q=%0d%0a HTTP/1.1')
  })
  test('multipart field names and filenames cannot break out of their part header', async () => {
    let body = ''
    const server = await raw((socket, request) => {
      body = request.body.toString('latin1')
      socket.write(OK)
    })
    await using pm = new PoolManager({ retries: false })
    await pm.request('POST', `${server.url}/`, {
      fields: { 'n"\r\nX-Injected: 1\r\n\r\n': ['f"\r\nX-Injected: 2', 'data', 'text/plain'] },
    })
    expect(body).not.toMatch(/\r\nX-Injected/)
  })
})

describe('@x/requests refuses before connecting', () => {
  const session = () => new Session({ trustEnv: false, timeout: 5_000 })
  for (const [label, value] of BAD_VALUES) {
    test(`header value with ${label}`, async () => {
      const server = await okServer()
      await using s = session()
      await refused(
        server,
        () => s.get(`${server.url}/`, { headers: { 'X-Test': value } }),
        (e) => {
          // requests' check_header_validity covers CR, LF and NUL; other controls are the pool's TypeError.
          if (/[\r\n\0]/.test(value)) expect(e).toBeInstanceOf(InvalidHeader)
        },
      )
    })
  }
  for (const [label, name] of BAD_NAMES) {
    test(`header name with ${label} -> InvalidHeader`, async () => {
      const server = await okServer()
      await using s = session()
      await refused(server, () => s.get(`${server.url}/`, { headers: { [name]: 'v' } }))
    })
  }
  test('a bad session header is refused at the first request', async () => {
    const server = await okServer()
    await using s = session()
    s.headers.set('X-Test', 'a\r\nX-Injected: 1')
    await refused(server, () => s.get(`${server.url}/`))
  })
  for (const method of BAD_METHODS) {
    test(`method ${JSON.stringify(method)} (typed error with a code)`, async () => {
      const server = await okServer()
      await using s = session()
      await refused(server, () => s.request(method, `${server.url}/`))
    })
  }
  // requests percent-encodes what it cannot send (requote_uri); WHATWG URL parsing instead *drops* tabs and
  // newlines, silently sending another target. Accepted: a typed refusal before connecting, or the character
  // percent-encoded on the request line. Refused: the character stripped, or raw on the wire.
  const ENCODED: Record<string, RegExp> = {
    'CRLF in the path (urllib3 CVE-2019-11236)': /%0D%0A/i,
    'LF in the path': /%0A/i,
    'CRLF in the query (CVE-2019-9740)': /%0D%0A/i,
    'tab in the path': /%09/i,
    'NUL in the path': /%00/i,
    'space in the path': /%20HTTP\/1\.1%0D%0A/i,
  }
  for (const [label, url] of BAD_URL_PARTS) {
    test(`URL with ${label}: refused (InvalidURL) or percent-encoded, never stripped or raw`, async () => {
      let line = ''
      const server = await raw((socket, request) => {
        line = request.rawHead.split('\r\n')[0] ?? ''
        socket.write(OK)
      })
      await using s = session()
      const outcome = await s.get(url(server.url)).catch((e: unknown) => e)
      if (outcome instanceof Error) {
        expect(outcome, describeError(outcome)).toBeInstanceOf(RequestException)
        expect(server.connections).toBe(0)
        return
      }
      expect(server.requests).toBe(1)
      expect(line).toMatch(ENCODED[label] ?? /^$/)
    })
  }
  for (const [label, value] of BAD_VALUES.slice(0, 4)) {
    test(`cookie value with ${label}`, async () => {
      const server = await okServer()
      await using s = session()
      await refused(server, () => s.get(`${server.url}/`, { cookies: { sid: value } }))
    })
  }
  test('a session cookie value with CRLF is refused too', async () => {
    const server = await okServer()
    await using s = session()
    s.cookies.set('sid', 'a\r\nX-Injected: 1')
    await refused(server, () => s.get(`${server.url}/`))
  })
  test('multipart names and filenames cannot break out of their part header', async () => {
    let body = ''
    const server = await raw((socket, request) => {
      body = request.body.toString('latin1')
      socket.write(OK)
    })
    await using s = session()
    await s.post(`${server.url}/`, {
      data: { 'n"\r\nX-Injected: 1\r\n\r\n': 'v' },
      files: { 'f"\r\nX-Injected: 2': ['name"\r\nX-Injected: 3', 'data'] },
    })
    expect(body).not.toMatch(/\r\nX-Injected/)
  })
})

describe('@x/oauth2 refuses or encodes injected OAuth parameters', () => {
  const token = { access_token: 'at', token_type: 'Bearer', expires_in: 3600 }

  test('authorization URL parameters are percent-encoded, never raw CR/LF', () => {
    const { url } = createAuthorizationUrl('http://127.0.0.1:9/authorize', {
      clientId: 'app\r\nX-Injected: 1',
      redirectUri: 'http://127.0.0.1:9/cb',
      scope: 'openid\r\nX-Injected: 2',
      state: 's\r\n',
      extra: 'e\r\nX-Injected: 3',
    })
    expect(url).not.toMatch(/[\r\n\0]/)
  })

  test('a token endpoint URL with CRLF is refused before connecting', async () => {
    const server = await okServer()
    await using client = new OAuth2Session({ clientId: 'app', trustEnv: false })
    await refused(server, () =>
      client.fetchToken(`${server.url}/token\r\nX-Injected: 1`, { grantType: 'client_credentials' }),
    )
  })

  test('the tokenEndpoint option with CRLF is refused at construction', async () => {
    const server = await okServer()
    await refused(
      server,
      async () => new OAuth2Session({ clientId: 'app', tokenEndpoint: `${server.url}/t\r\nX: 1` }),
    )
  })

  test('an access_token with CRLF from the server never becomes a header on the wire', async () => {
    const idp = await recorder({
      '/token': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({ access_token: 'at\r\nX-Injected: 1', token_type: 'Bearer', expires_in: 3600 }),
        )
      },
    })
    const api = await okServer()
    await using client = new OAuth2Session({ clientId: 'app', trustEnv: false })
    await refused(api, async () => {
      await client.fetchToken(`${idp.url}/token`, { grantType: 'client_credentials' })
      await client.get(`${api.url}/`)
    })
  })

  test('a token_type with CRLF from the server never becomes a header on the wire', async () => {
    const api = await okServer()
    await using client = new OAuth2Session({
      clientId: 'app',
      trustEnv: false,
      token: { ...token, token_type: 'Mac\r\nX-Injected: 1' },
    })
    await refused(api, () => client.get(`${api.url}/`))
  })

  test('grant parameters with CR/LF are form-encoded in the body', async () => {
    const idp = await recorder({
      '/token': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(token))
      },
    })
    await using client = new OAuth2Session({
      clientId: 'app\r\nX-Injected: 0',
      clientSecret: 's\r\nX-Injected: 1',
      trustEnv: false,
    })
    await client.fetchToken(`${idp.url}/token`, {
      username: 'u\r\nX-Injected: 2',
      password: 'p\r\n',
      scope: 'a\r\nb',
    })
    const [req] = idp.seen
    expect(req?.raw).not.toMatch(/X-Injected/i)
    expect(req?.body).not.toMatch(/[\r\n]/)
  })
})
