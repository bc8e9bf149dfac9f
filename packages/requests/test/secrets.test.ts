import { inspect } from 'node:util'
import * as pool from '@x/pool'
import { freePort, startRawServer } from '@x/testserver'
import { httpbinTest as it } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { translatePoolError } from '../src/errors/translate-pool-error.js'
import {
  ConnectTimeout,
  ConnectionError,
  HTTPError,
  InvalidSchema,
  InvalidURL,
  MissingSchema,
  ReadTimeout,
  Request,
  Session,
  Timeout,
  TooManyRedirects,
} from '../src/index.js'
import { redactMessage, redactUrl } from '@x/pool'

const SECRET = 'hunter2tok'
const QUERY = `?access_token=${SECRET}&x=1`

/** The error's message and its full util.inspect output (stack, code, cause chain) must not show the secret. */
function expectNoSecret(error: unknown, secret = SECRET): void {
  expect(error).toBeInstanceOf(Error)
  expect((error as Error).message).not.toContain(secret)
  expect(inspect(error, { depth: 10 })).not.toContain(secret)
  expect(String(error)).not.toContain(secret)
}

describe('redactUrl / redactMessage', () => {
  it('removes credentials, replaces query values keeping the names, drops the fragment', () => {
    expect(redactUrl(`http://u:p@w@h:8080/p${QUERY}#id_token=t&state=s`)).toBe(
      'http://h:8080/p?access_token=[REDACTED]&x=[REDACTED]',
    )
    expect(redactUrl('http://h/p?flag&k=')).toBe('http://h/p?flag&k=[REDACTED]')
    expect(redactUrl('http://h/p#section')).toBe('http://h/p')
    expect(redactUrl(`example.test/x${QUERY}`)).toBe('example.test/x?access_token=[REDACTED]&x=[REDACTED]')
    expect(redactUrl(`user:${SECRET}@example.test/x`)).toBe('[REDACTED]@example.test/x')
  })

  it('redacts every URL inside a message', () => {
    expect(redactMessage(`GET http://u:pw@h/a${QUERY} failed ('https://h/b?code=${SECRET}')`)).toBe(
      "GET http://h/a?access_token=[REDACTED]&x=[REDACTED] failed ('https://h/b?code=[REDACTED]')",
    )
  })
})

describe('messages and inspect output never show query values or credentials', () => {
  it('HTTPError from raiseForStatus quotes the URL redacted; response.url stays real', async ({
    httpbin,
  }) => {
    await using s = new Session({ trustEnv: false })
    const r = await s.get(`${httpbin.url}/status/404${QUERY}`)
    expect(r.url).toBe(`${httpbin.url}/status/404${QUERY}`)
    const error = (() => {
      try {
        r.raiseForStatus()
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(HTTPError)
    expect((error as Error).message).toBe(
      `404 Client Error: ${r.reason} for url: ${httpbin.url}/status/404?access_token=[REDACTED]&x=[REDACTED]`,
    )
    expectNoSecret(error)
    expect(inspect(r)).toBe('<Response [404]>')
  })

  it('TooManyRedirects', async () => {
    await using raw = await startRawServer((socket) =>
      socket.end(`HTTP/1.1 302 Found\r\nLocation: /loop${QUERY}\r\nContent-Length: 0\r\n\r\n`),
    )
    await using s = new Session({ trustEnv: false, maxRedirects: 2 })
    const error = await s.get(`${raw.url}/start${QUERY}`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TooManyRedirects)
    expectNoSecret(error)
  })

  it('InvalidURL, MissingSchema and InvalidSchema', async () => {
    await using s = new Session({ trustEnv: false })
    const cases: Array<[string, new (...a: never[]) => Error]> = [
      [`http://u:${SECRET}@[bad${QUERY}`, InvalidURL],
      [`http://127.0.0.1:1/a\r\nb${QUERY}`, InvalidURL],
      [`http://*.example.test/${QUERY}`, InvalidURL],
      [`example.test/x${QUERY}`, MissingSchema],
      [`ftp://u:${SECRET}@example.test/x${QUERY}`, InvalidSchema],
      [`user:${SECRET}@example.test/x`, InvalidSchema],
    ]
    for (const [url, Expected] of cases) {
      const error = await s.get(url).catch((e: unknown) => e)
      expect(error, url).toBeInstanceOf(Expected)
      expectNoSecret(error)
    }
  })

  it('InvalidURL for a bad redirect Location', async () => {
    await using raw = await startRawServer((socket) =>
      socket.end(
        `HTTP/1.1 302 Found\r\nLocation: http://u:${SECRET}@[bad${QUERY}\r\nContent-Length: 0\r\n\r\n`,
      ),
    )
    await using s = new Session({ trustEnv: false })
    const error = await s.get(raw.url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidURL)
    expectNoSecret(error)
  })

  it('InvalidURL for a malformed proxy URL', async ({ httpbin }) => {
    await using s = new Session({ trustEnv: false })
    const error = await s
      .get(`${httpbin.url}/get`, { proxies: { http: `http://u:${SECRET}@[proxy${QUERY}` } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidURL)
    expectNoSecret(error)
  })

  it('ConnectionError (connection refused)', async () => {
    const port = await freePort() // nothing listens there: the connection is refused
    await using s = new Session({ trustEnv: false })
    const error = await s.get(`http://u:pw-${SECRET}@127.0.0.1:${port}/x${QUERY}`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expectNoSecret(error)
  })

  it('ReadTimeout and the total-deadline Timeout', async () => {
    await using raw = await startRawServer(() => {})
    await using s = new Session({ trustEnv: false })
    const read = await s.get(`${raw.url}/x${QUERY}`, { timeout: [1000, 50] }).catch((e: unknown) => e)
    expect(read).toBeInstanceOf(ReadTimeout)
    expectNoSecret(read)
    const total = await s.get(`${raw.url}/x${QUERY}`, { timeout: { total: 50 } }).catch((e: unknown) => e)
    expect(total).toBeInstanceOf(Timeout)
    expectNoSecret(total)
  })

  it('pool error messages are redacted when translated (ConnectTimeout, ConnectionError, ReadTimeout)', () => {
    const url = `http://u:pw@127.0.0.1:9/x${QUERY}`
    for (const inner of [
      new pool.ConnectTimeoutError(`Connection to ${url} timed out`),
      new pool.NewConnectionError(`Failed to establish a new connection to ${url}`),
      new pool.ReadTimeoutError(`Read timed out: ${url}`),
    ]) {
      const out = translatePoolError(inner, 'send') as Error
      expect(out.message).not.toContain(SECRET)
      expect(out.message).toContain('access_token=[REDACTED]&x=[REDACTED]')
    }
    expect(translatePoolError(new pool.ConnectTimeoutError(url), 'send')).toBeInstanceOf(ConnectTimeout)
  })

  it('PreparedRequest, its headers and a request error do not show credential header values', async () => {
    await using raw = await startRawServer((socket) =>
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'),
    )
    await using s = new Session({ trustEnv: false })
    const headers = {
      Authorization: `Bearer ${SECRET}-a`,
      Cookie: `sid=${SECRET}-c`,
      'Proxy-Authorization': `Basic ${SECRET}-p`,
    }
    const prepared = await s.prepareRequest(new Request('GET', `${raw.url}/x${QUERY}`, { headers }))
    expect(prepared.url).toContain(QUERY)
    expect(inspect(prepared, { depth: 10 })).not.toContain(SECRET)
    expect(inspect(prepared.headers, { depth: 10 })).not.toContain(SECRET)
    expect(inspect(prepared.headers)).toContain('[redacted]')
    const r = await s.send(prepared)
    expect(inspect(r, { depth: 10 })).not.toContain(SECRET)
    const error = (() => {
      try {
        r.raiseForStatus()
      } catch (e) {
        return e
      }
    })()
    expectNoSecret(error)
  })
})
