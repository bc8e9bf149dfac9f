import type { Socket } from 'node:net'
import { startRawServer } from '@x/testserver'
import { describe, expect } from 'vitest'
import * as requests from '../src/index.js'
import {
  JSONDecodeError,
  type Progress,
  RequestException,
  Session,
  StreamConsumedError,
} from '../src/index.js'
import { it } from './fixtures.js'

// Ported from requests' tests/test_requests.py (Response behaviour) against the local httpbin.
describe('streaming responses', () => {
  it('stream: true leaves the body unread until iterated', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/stream-bytes/3000`, {
      stream: true,
      params: { chunk_size: 500, seed: 1 },
    })
    expect(() => r.content).toThrow(RequestException)
    let n = 0
    for await (const chunk of r.iterContent({ chunkSize: 100 })) {
      expect(chunk.byteLength).toBeLessThanOrEqual(100)
      n += chunk.byteLength
    }
    expect(n).toBe(3000)
    expect(() => r.iterContent()).toThrow(StreamConsumedError)
    expect(() => r.content).toThrow(StreamConsumedError)
  })

  it('readContent loads a streamed body; content/text/json work afterwards', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/json`, { stream: true })
    const bytes = await r.readContent()
    expect(r.content).toBe(bytes)
    expect(r.json()).toHaveProperty('slideshow')
    expect(r.iterContent()).toBeDefined()
  })

  it('iterContent over preloaded content yields slices and may be repeated', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/bytes/1000`)
    const sizes: number[] = []
    for await (const c of r.iterContent({ chunkSize: 300 })) sizes.push(c.byteLength)
    expect(sizes).toEqual([300, 300, 300, 100])
    let again = 0
    for await (const c of r.iterContent()) again += c.byteLength
    expect(again).toBe(1000)
  })

  it('iterContent decodeUnicode yields strings', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/encoding/utf8`, { stream: true })
    let text = ''
    for await (const piece of r.iterContent({ decodeUnicode: true, chunkSize: 7 })) text += piece
    expect(text).toContain('∮')
  })

  it('iterLines splits lines across chunks', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/stream/4`, { stream: true })
    const lines: string[] = []
    for await (const line of r.iterLines({ decodeUnicode: true, chunkSize: 16 })) lines.push(line)
    expect(lines).toHaveLength(4)
    expect(JSON.parse(lines[3]!).id).toBe(3)
  })

  it('iterLines with a delimiter and bytes', async ({ httpbin, s }) => {
    const r = await s.post(`${httpbin.url}/anything`, { data: 'x' })
    const bodyLines: Uint8Array[] = []
    for await (const l of r.iterLines({ delimiter: '\n' })) bodyLines.push(l)
    expect(Buffer.concat(bodyLines).toString()).toBe(r.text.replaceAll('\n', ''))
  })

  it('download progress is reported with the Content-Length total', async ({ httpbin, s }) => {
    const events: Progress[] = []
    const r = await s.get(`${httpbin.url}/bytes/20000`, { onDownloadProgress: (p) => events.push(p) })
    expect(r.content.byteLength).toBe(20000)
    expect(events.at(-1)).toEqual({ loaded: 20000, total: 20000 })
  })

  it('upload progress is reported for bodies', async ({ httpbin, s }) => {
    const events: Progress[] = []
    const data = Buffer.alloc(200_000, 1)
    const r = await s.post(`${httpbin.url}/post`, { data, onUploadProgress: (p) => events.push(p) })
    expect(r.statusCode).toBe(200)
    expect(events.length).toBeGreaterThan(1)
    expect(events.at(-1)).toEqual({ loaded: 200_000, total: 200_000 })
  })

  it('module functions with stream: true keep the session until the body is read', async ({ httpbin }) => {
    const r = await requests.get(`${httpbin.url}/stream-bytes/2048`, { stream: true })
    let n = 0
    for await (const c of r.iterContent()) n += c.byteLength
    expect(n).toBe(2048)
  })

  it('closing an unread streamed response releases it', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/stream-bytes/100000`, { stream: true })
    r.close()
    expect(() => r.iterContent()).toThrow(StreamConsumedError)
    expect((await s.get(`${httpbin.url}/get`)).statusCode).toBe(200)
  })
})

/** A raw server that answers with `head` and never ends the body; `clientClosed()` resolves when the client hangs up. */
async function endlessBody(head: string) {
  let closed!: Promise<void>
  const server = await startRawServer((socket: Socket) => {
    closed = new Promise((resolve) => socket.once('close', () => resolve()))
    socket.write(head)
    socket.write('x'.repeat(1024))
  })
  return Object.assign(server, { clientClosed: () => closed })
}

describe("disposal (requests' `with` blocks)", () => {
  it('`using` a streamed response closes it (and its connection) at the end of the block', async ({ s }) => {
    await using server = await endlessBody('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n')
    let r: requests.Response | undefined
    {
      using inner = await s.get(server.url, { stream: true })
      r = inner
      expect(inner.statusCode).toBe(200)
    }
    expect(() => r.iterContent()).toThrow(StreamConsumedError)
    await server.clientClosed() // the half-read connection is not put back into the pool
  })

  it('`await using` a Session closes its pools at the end of the block', async () => {
    await using server = await startRawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok'),
    )
    let closed!: Promise<void>
    {
      await using session = new Session({ trustEnv: false })
      expect((await session.get(server.url)).text).toBe('ok')
      const [socket] = server.sockets
      expect(socket?.destroyed).toBe(false) // kept alive in the pool
      closed = new Promise((resolve) => socket?.once('close', () => resolve()))
    }
    await closed
  })
})

describe('empty bodies', () => {
  it('json() on an empty body raises JSONDecodeError (with the response), as requests', async ({
    httpbin,
    s,
  }) => {
    for (const path of ['/status/204', '/bytes/0']) {
      const r = await s.get(`${httpbin.url}${path}`)
      expect(r.content.byteLength).toBe(0)
      let error: unknown
      try {
        r.json()
      } catch (e) {
        error = e
      }
      expect(error, path).toBeInstanceOf(JSONDecodeError)
      expect((error as JSONDecodeError).response).toBe(r)
    }
  })
})

describe('encodings', () => {
  it('text/* without charset is ISO-8859-1; settable encoding changes text', async ({ httpbin, s }) => {
    const r = await s.get(`${httpbin.url}/response-headers`, { params: { 'Content-Type': 'text/plain' } })
    expect(r.encoding).toBe('ISO-8859-1')
    r.encoding = 'utf-8'
    expect(r.encoding).toBe('utf-8')
    expect(r.apparentEncoding).toBe('ascii') // an ASCII body, as charset_normalizer answers
  })
})

describe('hooks', () => {
  it('response hooks run for every hop; request hooks before each send', async ({ httpbin, s }) => {
    const seen: number[] = []
    const sent: string[] = []
    const r = await s.get(`${httpbin.url}/redirect/2`, {
      hooks: {
        response: (resp) => {
          seen.push(resp.statusCode)
        },
        request: (p) => {
          sent.push(new URL(p.url).pathname)
          p.headers.set('X-Hooked', '1')
        },
      },
    })
    expect(seen).toEqual([302, 302, 200])
    expect(sent).toEqual(['/redirect/2', '/relative-redirect/1', '/get'])
    expect(r.json<{ headers: Record<string, string> }>().headers['X-Hooked']).toBe('1')
  })

  it('a hook can replace the response; session hooks run before request hooks', async ({ httpbin }) => {
    const order: string[] = []
    await using sess = new Session({ hooks: { response: () => void order.push('session') } })
    const r = await sess.get(`${httpbin.url}/get`, {
      hooks: {
        response: [
          () => {
            order.push('request')
          },
          (resp) => {
            const replacement = new requests.Response()
            replacement.statusCode = 299
            replacement.request = resp.request
            return replacement
          },
        ],
      },
    })
    expect(order).toEqual(['session', 'request'])
    expect(r.statusCode).toBe(299)
  })

  it('prepareRequest + send allow changing the request in between', async ({ httpbin, s }) => {
    const req = new requests.Request('GET', `${httpbin.url}/headers`, { headers: { A: '1' } })
    const p = await s.prepareRequest(req)
    p.headers.set('B', '2')
    const r = await s.send(p)
    const h = r.json<{ headers: Record<string, string> }>().headers
    expect(h.A).toBe('1')
    expect(h.B).toBe('2')
    await expect(s.send(req as never)).rejects.toThrow(TypeError)
  })
})
