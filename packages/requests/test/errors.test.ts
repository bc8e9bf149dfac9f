import { inspect } from 'node:util'
import { NewConnectionError, PoolError, TimeoutError as PoolTimeoutError, Retry } from '@x/pool'
import { freePort, startHttpServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import * as requests from '../src/index.js'

const {
  ConnectTimeout,
  ConnectionError,
  HTTPError,
  InvalidJSONError,
  JSONDecodeError,
  ProxyError,
  ReadTimeout,
  RequestException,
  SSLError,
  Timeout,
} = requests

describe('errors', () => {
  it('ConnectTimeout is a ConnectionError and a Timeout (requests multiple inheritance)', () => {
    const e = new ConnectTimeout('x')
    expect(e).toBeInstanceOf(ConnectTimeout)
    expect(e).toBeInstanceOf(ConnectionError)
    expect(e).toBeInstanceOf(Timeout)
    expect(e).toBeInstanceOf(RequestException)
    expect(e).toBeInstanceOf(Error)
    expect(e.code).toBe('ERR_REQUESTS_CONNECT_TIMEOUT')
    expect(e.name).toBe('ConnectTimeout')
  })

  it('ReadTimeout is a Timeout but not a ConnectionError', () => {
    const e = new ReadTimeout('x')
    expect(e).toBeInstanceOf(Timeout)
    expect(e).not.toBeInstanceOf(ConnectionError)
    expect(new Timeout('t')).not.toBeInstanceOf(ReadTimeout)
  })

  it('ProxyError and SSLError are ConnectionErrors; JSONDecodeError is an InvalidJSONError', () => {
    expect(new ProxyError('p')).toBeInstanceOf(ConnectionError)
    expect(new SSLError('s')).toBeInstanceOf(ConnectionError)
    expect(new JSONDecodeError('j')).toBeInstanceOf(InvalidJSONError)
    expect(new HTTPError('h')).not.toBeInstanceOf(ConnectionError)
  })

  it('every error class has a distinct stable code', () => {
    const classes = Object.values(requests).filter(
      (v): v is typeof RequestException => typeof v === 'function' && 'code' in v && 'brand' in v,
    )
    expect(classes.length).toBeGreaterThanOrEqual(20)
    const codes = new Set(classes.map((c) => c.code))
    expect(codes.size).toBe(classes.length)
    for (const c of classes) expect(new c('m').code).toBe(c.code)
  })

  it('instanceof survives a second copy of the class (Symbol.for brand)', () => {
    // A structurally separate object carrying the brands, as another installed copy would create.
    const foreign = new ConnectTimeout('x')
    const fake = Object.create(null)
    for (const s of Object.getOwnPropertySymbols(foreign)) fake[s] = (foreign as never)[s]
    expect(Object.getOwnPropertySymbols(foreign)).toEqual([Symbol.for('@x/error.brands')])
    expect(fake).toBeInstanceOf(ConnectionError)
    expect({}).not.toBeInstanceOf(RequestException)
    expect(null).not.toBeInstanceOf(RequestException)
  })

  it('keeps cause, and request/response are not enumerable nor in inspect output', async () => {
    const cause = new Error('low level')
    const r = new requests.Response()
    r.statusCode = 500
    const p = await new requests.Request('GET', 'http://user:secret@127.0.0.1/', {}).prepare()
    r.request = p
    const e = new HTTPError('boom', { cause, response: r })
    expect(e.cause).toBe(cause)
    expect(e.response).toBe(r)
    expect(e.request).toBe(p)
    expect(Object.keys(e)).not.toContain('response')
    expect(Object.keys(e)).not.toContain('request')
    expect(inspect(e)).not.toContain('secret')
    expect(p.url).toBe('http://127.0.0.1/')
    expect(inspect(p.headers)).not.toContain(Buffer.from('user:secret').toString('base64'))
  })
})

describe('codes', () => {
  it('has requests aliases', () => {
    expect(requests.codes.ok).toBe(200)
    expect(requests.codes.OK).toBe(200)
    expect(requests.codes.teapot).toBe(418)
    expect(requests.codes.not_found).toBe(404)
    expect(requests.codes.NOT_FOUND).toBe(404)
    expect(requests.codes.temporary_redirect).toBe(307)
    expect(requests.codes['\\o/']).toBe(200)
    expect(Object.isFrozen(requests.codes)).toBe(true)
  })

  it('looks up several names of a status, lower and upper case, like requests', () => {
    const c = requests.codes
    for (const name of ['ok', 'OK', 'okay', 'OKAY', 'all_ok', 'ALL_OK', 'all_good', '\\o/', '✓']) {
      expect(c[name], name).toBe(200)
    }
    expect([c.im_a_teapot, c.I_AM_A_TEAPOT, c.i_am_a_teapot, c.TEAPOT]).toEqual([418, 418, 418, 418])
    expect([c.too_many_requests, c.TOO_MANY, c.unavailable_for_legal_reasons]).toEqual([429, 429, 451])
    expect(c.precondition).toBe(428) // 412 and 428 share the alias; the later one wins, as in requests
    expect(c['\\O/']).toBeUndefined()
    expect(c.no_such_status).toBeUndefined()
  })

  // Issue 14: one error model across layers. A translated pool error keeps answering to its pool class, and a
  // requests error shows its code in logs and JSON (own property).
  it('a refused connection is a ConnectionError and the pool NewConnectionError it translates', async () => {
    const port = await freePort() // nothing listens there: the connection is refused
    const error = await requests.get(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toBeInstanceOf(NewConnectionError)
    expect(error).toBeInstanceOf(PoolError)
    expect(error).not.toBeInstanceOf(PoolTimeoutError)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ConnectionError',
      code: 'ERR_REQUESTS_CONNECTION',
    })
    expect(inspect(error)).toContain("code: 'ERR_REQUESTS_CONNECTION'")
  })

  it('a pool error raised under a requests error keeps its own classes only', () => {
    const below = new ConnectionError('mock refused')
    const pool = new PoolError('wrapped', { cause: below })
    expect(pool).not.toBeInstanceOf(ConnectionError)
  })

  // Issue 14: the final 503 was reachable only through cause.history, and the message named no URL.
  it('RetryError carries the last response and names the URL, redacted', async () => {
    await using server = await startHttpServer((_req, res) =>
      res.writeHead(503, { 'Retry-After': '0' }).end('busy'),
    )
    const { port } = server
    await using s = new requests.Session()
    const retries = new Retry({ total: 1, statusForcelist: [503], backoffFactor: 0 })
    s.mount('http://', new requests.HTTPAdapter({ maxRetries: retries }))
    const error = await s.get(`http://u:pw@127.0.0.1:${port}/busy?token=SECRET`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(requests.RetryError)
    const e = error as InstanceType<typeof requests.RetryError>
    expect(e.response?.statusCode).toBe(503)
    expect(e.response?.headers.get('retry-after')).toBe('0')
    expect(e.message).toContain(`http://127.0.0.1:${port}/busy?token=[REDACTED]`)
    expect(e.message).not.toContain('SECRET')
    expect(e.message).not.toContain('pw')
  })
})
