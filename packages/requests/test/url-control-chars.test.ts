// Regression: WHATWG URL parsing silently removed TAB, CR and LF, so `/a\r\nX-Injected: 1` went out as
// `/aX-Injected:%201` (tooling/security injection.test.ts). URLs with control characters are now refused with
// InvalidURL before a connection is opened, and the message never shows URL credentials.
import { startRawServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import { InvalidURL, type PreparedRequest, Session } from '../src/index.js'

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

const BAD: Array<[string, (base: string) => string]> = [
  ['CRLF in the path', (b) => `${b}/a\r\nX-Injected: 1`],
  ['LF in the path', (b) => `${b}/a\nX-Injected: 1`],
  ['CR in the path', (b) => `${b}/a\rX-Injected: 1`],
  ['CRLF in the query', (b) => `${b}/a?q=1\r\nX-Injected: 1`],
  ['tab in the path', (b) => `${b}/a\tb`],
  ['NUL in the path', (b) => `${b}/a\0b`],
  ['DEL in the query', (b) => `${b}/a?q=\x7f`],
  ['a trailing newline', (b) => `${b}/a\n`],
  ['space and CRLF (request line injection)', (b) => `${b}/a HTTP/1.1\r\nX-Injected: 1`],
  ['CRLF in the fragment', (b) => `${b}/a#x\r\ny`],
]

describe('URLs with control characters are refused before connecting', () => {
  it.each(BAD)('%s', async (_label, make) => {
    await using server = await startRawServer((socket) => socket.end(OK))
    await using s = new Session({ trustEnv: false })
    const error = await s.get(make(server.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidURL)
    expect((error as Error).message).toMatch(/control character U\+00[0-7][0-9A-F]/)
    expect((error as Error).message).not.toMatch(/[\r\n\t\0]/)
    expect(server.connections).toBe(0)
  })

  it('the message does not show URL credentials', async () => {
    await using s = new Session({ trustEnv: false })
    const error = await s.get('http://user:hunter2@127.0.0.1:1/a\r\nb').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidURL)
    expect((error as Error).message).not.toContain('hunter2')
    expect((error as Error).message).toContain("'http://127.0.0.1:1/a\\r\\nb'")
  })

  it('a relative URL on a baseUrl session is checked before it is joined', async () => {
    await using server = await startRawServer((socket) => socket.end(OK))
    await using s = new Session({ trustEnv: false, baseUrl: `${server.url}/api/` })
    await expect(s.get('items\r\nX-Injected: 1')).rejects.toBeInstanceOf(InvalidURL)
    expect(server.connections).toBe(0)
  })

  it('a URL changed by a request hook is checked at send time', async () => {
    await using server = await startRawServer((socket) => socket.end(OK))
    await using s = new Session({ trustEnv: false })
    const hooks = {
      request: (p: PreparedRequest) => {
        p.url = `${server.url}/a\r\nX-Injected: 1`
        return p
      },
    }
    await expect(s.get(`${server.url}/`, { hooks })).rejects.toBeInstanceOf(InvalidURL)
    expect(server.connections).toBe(0)
  })

  it('a redirect Location with a tab is refused, not followed somewhere else', async () => {
    await using server = await startRawServer((socket, req) => {
      if (req.path === '/start')
        socket.end('HTTP/1.1 302 Found\r\nLocation: /a\tb\r\nContent-Length: 0\r\n\r\n')
      else socket.end(OK)
    })
    await using s = new Session({ trustEnv: false })
    const error = await s.get(`${server.url}/start`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidURL)
    expect((error as InvalidURL).response?.statusCode).toBe(302)
    expect(server.requests).toBe(1)
  })

  it('percent-encoded controls and plain spaces still work', async () => {
    let line = ''
    await using server = await startRawServer((socket, req) => {
      line = req.rawHead.split('\r\n')[0] ?? ''
      socket.end(OK)
    })
    await using s = new Session({ trustEnv: false })
    expect((await s.get(`${server.url}/a%0D%0Ab c`)).statusCode).toBe(200)
    expect(line).toBe('GET /a%0D%0Ab%20c HTTP/1.1')
  })
})
