import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import {
  ClosedPoolError,
  ConnectTimeoutError,
  DecodeError,
  EmptyPoolError,
  HeaderParsingError,
  IncompleteRead,
  LocationParseError,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  PoolError,
  ProtocolError,
  ProxyError,
  ReadTimeoutError,
  ResponseError,
  ResponseTooLargeError,
  SSLError,
  TimeoutError,
} from '../src/index.js'

const table = [
  [PoolError, 'ERR_POOL', []],
  [TimeoutError, 'ERR_POOL_TIMEOUT', [PoolError]],
  [ConnectTimeoutError, 'ERR_POOL_CONNECT_TIMEOUT', [TimeoutError, PoolError]],
  [ReadTimeoutError, 'ERR_POOL_READ_TIMEOUT', [TimeoutError, PoolError]],
  [NewConnectionError, 'ERR_POOL_NEW_CONNECTION', [PoolError]],
  [NameResolutionError, 'ERR_POOL_NAME_RESOLUTION', [NewConnectionError, PoolError]],
  [ProtocolError, 'ERR_POOL_PROTOCOL', [PoolError]],
  [IncompleteRead, 'ERR_POOL_INCOMPLETE_READ', [ProtocolError, PoolError]],
  [SSLError, 'ERR_POOL_SSL', [PoolError]],
  [ProxyError, 'ERR_POOL_PROXY', [PoolError]],
  [LocationParseError, 'ERR_POOL_LOCATION_PARSE', [PoolError]],
  [DecodeError, 'ERR_POOL_DECODE', [PoolError]],
  [ResponseError, 'ERR_POOL_RESPONSE', [PoolError]],
  [EmptyPoolError, 'ERR_POOL_EMPTY', [PoolError]],
  [ClosedPoolError, 'ERR_POOL_CLOSED', [PoolError]],
  [HeaderParsingError, 'ERR_POOL_HEADER_PARSING', [PoolError]],
  [ResponseTooLargeError, 'ERR_POOL_RESPONSE_TOO_LARGE', [PoolError]],
] as const

describe('error classes', () => {
  test.each(table)('%o has its code, name, cause and parents', (Class, code, parents) => {
    const cause = new Error('low level')
    const error = new Class('boom', { cause })
    expect(error.code).toBe(code)
    expect(error.name).toBe(Class.name)
    expect(error.message).toBe('boom')
    expect(error.cause).toBe(cause)
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(Class)
    for (const parent of parents) expect(error).toBeInstanceOf(parent)
    expect(error.stack).toContain('boom')
  })

  test('siblings are not instances of each other', () => {
    expect(new ReadTimeoutError('x')).not.toBeInstanceOf(ConnectTimeoutError)
    expect(new ProtocolError('x')).not.toBeInstanceOf(IncompleteRead)
    expect(new TimeoutError('x')).not.toBeInstanceOf(ReadTimeoutError)
    expect(new Error('x')).not.toBeInstanceOf(PoolError)
    expect(null).not.toBeInstanceOf(PoolError)
  })

  test('instanceof survives a second copy of the package (Symbol.for brand)', () => {
    // What another copy's ReadTimeoutError carries: the set of its class chain's Symbol.for brands.
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>
    const brands = ['PoolError', 'TimeoutError', 'ReadTimeoutError'].map((n) => Symbol.for(`@x/pool.${n}`))
    Object.defineProperty(foreign, Symbol.for('@x/error.brands'), { value: new Set(brands) })
    expect(foreign).toBeInstanceOf(ReadTimeoutError)
    expect(foreign).toBeInstanceOf(TimeoutError)
    expect(foreign).toBeInstanceOf(PoolError)
    expect(foreign).not.toBeInstanceOf(ConnectTimeoutError)
  })

  test('MaxRetryError carries url, reason and history', () => {
    const reason = new ResponseError('too many 503 error responses')
    const history = [
      { method: 'GET', url: 'http://h/x', error: undefined, status: 503, redirectLocation: undefined },
    ]
    const error = new MaxRetryError('http://h/x', reason, history)
    expect(error.code).toBe('ERR_POOL_MAX_RETRY')
    expect(error.reason).toBe(reason)
    expect(error.cause).toBe(reason)
    expect(error.url).toBe('http://h/x')
    expect(error.history).toEqual(history)
    expect(error.message).toContain('too many 503 error responses')
  })

  test('inspect output shows the code and no brand noise', () => {
    const shown = inspect(new ConnectTimeoutError('slow'))
    expect(shown).toContain('ConnectTimeoutError: slow')
    expect(shown).toContain("code: 'ERR_POOL_CONNECT_TIMEOUT'")
    expect(shown).not.toContain('Symbol(')
  })

  // Issue 14: `code` and `name` were on the prototype, so logs and JSON of a pool error showed neither.
  test('code and name are own properties: JSON.stringify shows them, as undici errors', () => {
    const error = new ReadTimeoutError('slow')
    expect(Object.hasOwn(error, 'code')).toBe(true)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ReadTimeoutError',
      code: 'ERR_POOL_READ_TIMEOUT',
    })
  })
})
