// Regression: a header value outside Latin-1 ('Ā') reached undici, which threw its own InvalidArgumentError
// (untranslated with `retries: false`, retried and wrapped in MaxRetryError otherwise). Values and names are
// now checked before anything is dispatched, and whatever undici still refuses to send becomes a PoolError
// (`ERR_POOL_INVALID_REQUEST`, undici's error as `cause`) that is never retried.
import { startRawServer } from '@x/testserver'
import { errors } from 'undici'
import { describe, expect, test } from 'vitest'
import { INVALID_REQUEST, mapError } from '../src/error-map.js'
import { HTTPHeaderDict, MaxRetryError, PoolError, PoolManager, Retry } from '../src/index.js'

type Raw = Awaited<ReturnType<typeof startRawServer>>

async function okServer(): Promise<Raw> {
  return startRawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'))
}

const OUTSIDE_LATIN1 = ['Ā', 'a\u0100b', 'snow ☃', '😀', '\u2028']

describe('header values outside Latin-1 are refused before sending', () => {
  for (const retries of [false, 3] as const) {
    test.each(OUTSIDE_LATIN1)(
      `%j (retries: ${retries}): a coded TypeError naming the header`,
      async (value) => {
        await using server = await okServer()
        await using pm = new PoolManager({ retries })
        const error = await pm
          .request('GET', `${server.url}/`, { headers: { 'X-Fuzz': value } })
          .catch((e: unknown) => e)
        expect(error).toBeInstanceOf(TypeError)
        expect(error).not.toBeInstanceOf(MaxRetryError)
        expect((error as { code?: string }).code).toBe('ERR_INVALID_CHAR')
        expect((error as Error).message).toContain('X-Fuzz')
        expect((error as Error).message).not.toContain(value)
        expect(server.connections).toBe(0)
      },
    )
  }

  test('Latin-1 (obs-text) values and HTAB are still sent as they are', async () => {
    let head = ''
    await using server = await startRawServer((socket, request) => {
      head = request.rawHead
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    })
    await using pm = new PoolManager({ retries: false })
    await pm.request('GET', `${server.url}/`, { headers: { 'X-Latin': 'caf\u00e9\tx' } })
    expect(Buffer.from(head, 'latin1').includes(Buffer.from('X-Latin: caf\u00e9\tx', 'latin1'))).toBe(true)
  })

  test('HTTPHeaderDict and manager headers refuse them too', () => {
    expect(() => new HTTPHeaderDict().set('X-A', 'Ā')).toThrow(TypeError)
    expect(() => new PoolManager({ headers: { 'X-A': 'Ā' } })).toThrow(TypeError)
    expect(() => new PoolManager({ headers: { 'X-Ā': 'a' } })).toThrow(TypeError)
  })
})

describe('requests undici refuses to send are a PoolError, never retried', () => {
  test.each([
    ['Upgrade', 'websocket'],
    ['Transfer-Encoding', 'chunked'],
    ['Keep-Alive', 'timeout=5'],
    ['Expect', '100-continue'],
    ['Content-Length', 'abc'],
  ])('%s: %s', async (name, value) => {
    await using server = await okServer()
    await using pm = new PoolManager({ retries: new Retry({ total: 3, other: 3 }) })
    const error = await pm
      .request('GET', `${server.url}/`, { headers: { [name]: value } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PoolError)
    expect(error).not.toBeInstanceOf(MaxRetryError)
    expect((error as PoolError).code).toBe(INVALID_REQUEST)
    expect((error as PoolError).cause).toBeInstanceOf(errors.UndiciError)
    expect(server.connections).toBe(0)
  })

  test('mapError never passes an undici error through', () => {
    const samples: Error[] = [
      new errors.InvalidArgumentError('invalid upgrade header'),
      new errors.NotSupportedError('expect header not supported'),
      new errors.RequestContentLengthMismatchError(),
      new errors.RequestAbortedError(),
      new errors.InformationalError('x'),
      new errors.ResponseError('x', 500, {}),
    ]
    for (const error of samples) {
      for (const phase of ['connect', 'headers', 'body'] as const) {
        const mapped = mapError(error, 'http://h/p', phase)
        expect(mapped, error.name).toBeInstanceOf(PoolError)
        expect(mapped.cause).toBe(error)
      }
    }
  })
})
