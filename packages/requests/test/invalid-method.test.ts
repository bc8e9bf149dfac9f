// Regression: an invalid method (CR/LF, space, NUL, empty) threw a TypeError without a `code`
// (tooling/security injection.test.ts). It is now a TypeError with code ERR_INVALID_ARG_VALUE, thrown before
// any connection is opened, also when a request hook changes the method of a prepared request.
import { startRawServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import { PreparedRequest, Request, Session } from '../src/index.js'

const BAD = ['GET /evil HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET', 'GE T', 'GET\r\n', 'GET\0', '', 'G(ET)', 'GÉT']

function expectInvalidMethod(error: unknown, method: string): void {
  expect(error).toBeInstanceOf(TypeError)
  expect((error as { code?: unknown }).code).toBe('ERR_INVALID_ARG_VALUE')
  expect((error as Error).message).toMatch(/must be an HTTP token/)
  expect((error as Error).message).toContain(JSON.stringify(method))
}

describe('invalid methods are refused with a coded TypeError before anything is sent', () => {
  it.each(BAD)('session.request(%j)', async (method) => {
    await using server = await startRawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    )
    await using s = new Session({ trustEnv: false })
    const error = await s.request(method, `${server.url}/`).catch((e: unknown) => e)
    expectInvalidMethod(error, method)
    expect(server.connections).toBe(0)
  })

  it('PreparedRequest.prepare and prepareMethod refuse them too', async () => {
    await expect(new Request('GE T', 'http://127.0.0.1/').prepare()).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    })
    expect(() => new PreparedRequest().prepareMethod(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
    )
  })

  it('a method set by a request hook is checked at send time', async () => {
    await using server = await startRawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    )
    await using s = new Session({ trustEnv: false })
    const error = await s
      .get(`${server.url}/`, {
        hooks: {
          request: (p) => {
            p.method = 'GET / HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET'
          },
        },
      })
      .catch((e: unknown) => e)
    expect((error as { code?: unknown }).code).toBe('ERR_INVALID_ARG_VALUE')
    expect((error as Error).message).toMatch(/^"request\.method" must be an HTTP token/)
    expect(server.connections).toBe(0)
  })

  it('custom token methods still work', async () => {
    await using server = await startRawServer((socket, req) =>
      socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${req.method.length}\r\n\r\n${req.method}`),
    )
    await using s = new Session({ trustEnv: false })
    expect((await s.request('propfind', `${server.url}/`)).text).toBe('PROPFIND')
  })
})
