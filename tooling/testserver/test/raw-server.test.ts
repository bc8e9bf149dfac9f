import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { type RawRequest, startRawServer } from '../src/index.ts'

function exchange(port: number, bytes: string, expectedReplies = 1): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      if (received.split('HTTP/1.1').length - 1 >= expectedReplies && received.endsWith('ok')) socket.end()
    })
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
    socket.write(bytes)
  })
}

describe('startRawServer', () => {
  it('hands the parsed head and Content-Length body to onRequest, which writes raw bytes', async () => {
    const seen: RawRequest[] = []
    const raw = await startRawServer((socket, request) => {
      seen.push(request)
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    })
    const reply = await exchange(
      raw.port,
      'POST /path?q=1 HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 5\r\n\r\nhello',
    )
    expect(reply).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/path?q=1',
      headers: { host: 'x', 'x-a': '1, 2' },
    })
    expect(seen[0]!.rawHead).toBe(
      'POST /path?q=1 HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 5',
    )
    expect(seen[0]!.body.toString()).toBe('hello')
    expect(raw.connections).toBe(1)
    expect(raw.requests).toBe(1)
    await raw.close()
  })

  it('decodes a chunked body and parses pipelined requests on one socket in order', async () => {
    const seen: RawRequest[] = []
    const raw = await startRawServer((socket, request) => {
      seen.push(request)
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    })
    await exchange(
      raw.port,
      'PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n' +
        'GET /b HTTP/1.1\r\nHost: x\r\n\r\n',
      2,
    )
    expect(seen.map((request) => [request.method, request.path, request.body.toString()])).toEqual([
      ['PUT', '/a', 'abcde'],
      ['GET', '/b', ''],
    ])
    expect(raw.connections).toBe(1)
    expect(raw.requests).toBe(2)
    await raw.close()
  })

  it('waits for a head split across several packets', async () => {
    const raw = await startRawServer((socket, request) =>
      socket.end(`HTTP/1.1 200 OK\r\n\r\n${request.path}`),
    )
    const reply = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: raw.port })
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('close', () => resolve(text))
      socket.write('GET /sp')
      setTimeout(() => socket.write('lit HTTP/1.1\r\nHost: x\r\n'), 10)
      setTimeout(() => socket.write('\r\n'), 20)
    })
    expect(reply).toBe('HTTP/1.1 200 OK\r\n\r\n/split')
    await raw.close()
  })

  it('close() destroys sockets the handler left open (a stalled response)', async () => {
    const raw = await startRawServer(() => {}) // never answers
    const socket = connect({ host: '127.0.0.1', port: raw.port })
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    while (raw.requests === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(raw.sockets.size).toBe(1)
    const closed = new Promise((resolve) => socket.once('close', resolve))
    await raw.close()
    await closed
    expect(raw.sockets.size).toBe(0)
  })

  it('serves a real client: a truncated body is visible to fetch', async () => {
    const raw = await startRawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort'),
    )
    const res = await fetch(`${raw.url}/`)
    await expect(res.text()).rejects.toThrow()
    await raw.close()
  })
})
