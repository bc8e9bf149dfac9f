import { errors } from 'undici'
import { describe, expect, test } from 'vitest'
import { mapError } from '../src/error-map.js'
import {
  ClosedPoolError,
  ConnectTimeoutError,
  HeaderParsingError,
  IncompleteRead,
  NameResolutionError,
  NewConnectionError,
  PoolError,
  ProtocolError,
  ProxyError,
  ReadTimeoutError,
  ResponseTooLargeError,
  SSLError,
  TimeoutConfig,
} from '../src/index.js'

function errno(code: string, message = code): Error {
  return Object.assign(new Error(message), { code })
}

describe('undici and Node errors are translated at the boundary, keeping the cause', () => {
  test.each([
    [new errors.ConnectTimeoutError(), 'connect', ConnectTimeoutError],
    [new errors.HeadersTimeoutError(), 'headers', ReadTimeoutError],
    [new errors.BodyTimeoutError(), 'body', ReadTimeoutError],
    [new errors.HeadersOverflowError(), 'headers', HeaderParsingError],
    [new errors.ResponseContentLengthMismatchError(), 'body', IncompleteRead],
    [new errors.ResponseExceededMaxSizeError(), 'body', ResponseTooLargeError],
    [new errors.ClientClosedError(), 'connect', ClosedPoolError],
    [new errors.SocketError('other side closed'), 'headers', ProtocolError],
    [new errors.SocketError('other side closed'), 'body', IncompleteRead],
    [errno('ENOTFOUND'), 'connect', NameResolutionError],
    [errno('EAI_AGAIN'), 'connect', NameResolutionError],
    [errno('ECONNREFUSED'), 'connect', NewConnectionError],
    [errno('ECONNRESET'), 'connect', NewConnectionError],
    [errno('ECONNRESET'), 'headers', ProtocolError],
    [errno('DEPTH_ZERO_SELF_SIGNED_CERT'), 'connect', SSLError],
    [errno('ERR_TLS_CERT_ALTNAME_INVALID'), 'connect', SSLError],
    [errno('UND_ERR_PRX_CONN'), 'connect', ProxyError],
    [errno('HPE_INVALID_CHUNK_SIZE'), 'body', ProtocolError],
    [errno('HPE_INVALID_HEADER_TOKEN'), 'headers', HeaderParsingError],
  ] as const)('%o during %s', (error, phase, Expected) => {
    const mapped = mapError(error, 'http://h/', phase)
    expect(mapped).toBeInstanceOf(Expected)
    expect(mapped.cause).toBe(error)
  })

  test('NameResolutionError is a NewConnectionError', () => {
    expect(mapError(errno('ENOTFOUND'), 'http://h/', 'connect')).toBeInstanceOf(NewConnectionError)
  })

  test('our own errors and unknown errors pass through', () => {
    const own = new PoolError('x')
    expect(mapError(own, 'u', 'connect')).toBe(own)
    const other = new RangeError('x')
    expect(mapError(other, 'u', 'body')).toBe(other)
  })

  test('Timeout.from rejects non-positive numbers naming the option', () => {
    expect(() => TimeoutConfig.from(0)).toThrow('"options.timeout" must be a positive number')
    expect(() => TimeoutConfig.from(Number.NaN)).toThrow('"options.timeout" must be a positive number')
  })
})
