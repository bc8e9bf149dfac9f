import { describe, expect, test } from 'vitest'
import { PoolManager, Retry, TimeoutConfig } from '../src/index.js'

function thrown(fn: () => unknown): TypeError & { code?: string } {
  try {
    fn()
  } catch (error) {
    return error as TypeError & { code?: string }
  }
  throw new Error('did not throw')
}

describe('PoolManager options are validated once, at construction', () => {
  test.each([
    [{ maxSize: 0 }, '"options.maxSize" must be a positive integer'],
    [{ maxSize: 1.5 }, '"options.maxSize" must be a positive integer'],
    [{ numPools: -1 }, '"options.numPools" must be a positive integer'],
    [{ block: 'yes' }, '"options.block" must be a boolean'],
    [{ timeout: { connect: -5 } }, '"options.timeout.connect" must be a positive number'],
    [{ timeout: { connect: 5, reed: 1 } }, '"options.timeout.reed" is not a known option'],
    [
      { timeout: 'slow' },
      '"options.timeout" must be a positive number, a TimeoutConfig or { connect, read, total }',
    ],
    [{ retries: -1 }, '"options.retries" must be a non-negative integer'],
    [{ retries: 'x' }, '"options.retries" must be a non-negative integer, false or a Retry'],
    [{ maxResponseSize: 0 }, '"options.maxResponseSize" must be a positive integer'],
    [{ tls: { rejectUnauthorized: 'no' } }, '"options.tls.rejectUnauthorized" must be a boolean'],
    [{ tls: { ca: 5 } }, '"options.tls.ca" must be a string, a Buffer or an array of them'],
    [{ maxsize: 10 }, '"options.maxsize" is not a known option'],
    [
      { headers: 'x' },
      '"options.headers" must be an object, an HTTPHeaderDict or an iterable of [name, value] pairs',
    ],
  ])('%j', (options, message) => {
    const error = thrown(() => new PoolManager(options as never))
    expect(error).toBeInstanceOf(TypeError)
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error.message).toBe(message)
  })

  test('valid options are accepted', () => {
    expect(
      () =>
        new PoolManager({
          maxSize: 5,
          block: true,
          numPools: 3,
          headers: { a: 'b' },
          retries: new Retry({ total: 1 }),
          timeout: new TimeoutConfig({ connect: 1 }),
          tls: { ca: [Buffer.from('x'), 'y'], rejectUnauthorized: true },
          maxResponseSize: 10,
          allowH2: false,
        }),
    ).not.toThrow()
  })

  test('bad default headers fail at construction', () => {
    expect(() => new PoolManager({ headers: { 'X-A': 'a\r\nb' } })).toThrow(TypeError)
  })
})

describe('request options', () => {
  // A misspelt per-request option used to be ignored silently (`retires: 0` retried three times).
  test('an unknown request option rejects before anything is sent', async () => {
    await using pm = new PoolManager()
    const error = await pm.request('GET', 'http://127.0.0.1:9/', { retires: 0 } as never).then(
      () => undefined,
      (e: unknown) => e as TypeError & { code?: string },
    )
    expect(error).toBeInstanceOf(TypeError)
    expect(error?.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(error?.message).toBe('"options.retires" is not a known option')
    expect(pm.size).toBe(0)
  })
})
