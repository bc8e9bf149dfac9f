import { Socket } from 'node:net'
import { startRawServer } from '@x/testserver'
import { httpbinTest as it } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import * as requests from '../src/index.js'

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

/** Whether the client socket whose local port is `port` keeps the event loop alive (is ref'd). */
function keepsAlive(port: number | undefined): boolean {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles()
  return handles.some((h) => h instanceof Socket && h.localPort === port)
}

describe('module-level functions (issue 11)', () => {
  it('sequential calls to one origin share one keep-alive connection', async () => {
    await using raw = await startRawServer((socket) => socket.write(OK))
    for (let i = 0; i < 20; i++) expect((await requests.get(raw.url)).text).toBe('ok')
    await requests.post(raw.url, { data: 'x' })
    await requests.request('PUT', raw.url)
    expect(raw.requests).toBe(22)
    expect(raw.connections).toBe(1)
  })

  it('concurrent calls open one connection per request in flight, reused afterwards', async () => {
    await using raw = await startRawServer((socket) => setTimeout(() => socket.write(OK), 5))
    await Promise.all(Array.from({ length: 20 }, () => requests.get(raw.url)))
    expect(raw.connections).toBe(20)
    await Promise.all(Array.from({ length: 20 }, () => requests.get(raw.url)))
    expect(raw.connections).toBe(20)
  })

  it('no cookies carry over from one call to the next; within a call they follow redirects', async ({
    httpbin,
  }) => {
    const set = await requests.get(`${httpbin.url}/cookies/set?flavor=oat`)
    // requests.get('/cookies/set?...') follows the redirect to /cookies with the cookie just set.
    expect(set.json()).toEqual({ cookies: { flavor: 'oat' } })
    expect(set.history.map((r) => r.statusCode)).toEqual([302])
    const next = await requests.get(`${httpbin.url}/cookies`)
    expect(next.json()).toEqual({ cookies: {} })
  })

  it('auth and headers of one call are not sent by the next', async ({ httpbin }) => {
    await requests.get(`${httpbin.url}/headers`, { auth: ['user', 'pass'], headers: { 'X-Once': '1' } })
    const r = await requests.get(`${httpbin.url}/headers`)
    const headers = r.json<{ headers: Record<string, string> }>().headers
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain('authorization')
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain('x-once')
  })

  it('idle shared connections do not keep the process alive', async () => {
    let clientPort: number | undefined
    let busy: boolean | undefined
    await using raw = await startRawServer((socket) => {
      clientPort = socket.remotePort
      busy = keepsAlive(clientPort) // while a request is in flight, its socket holds the process
      socket.write(OK)
    })
    expect((await requests.get(raw.url)).text).toBe('ok')
    await new Promise((r) => setImmediate(r))
    expect(busy).toBe(true)
    expect(raw.sockets.size).toBe(1) // kept open for reuse
    expect(keepsAlive(clientPort)).toBe(false) // but unref'd while idle
  })

  it('other schemes still raise InvalidSchema; a missing URL raises URLRequired', async () => {
    await expect(requests.get('ftp://127.0.0.1/x')).rejects.toBeInstanceOf(requests.InvalidSchema)
    await expect(requests.get(undefined as never)).rejects.toBeInstanceOf(requests.URLRequired)
  })

  it('a streamed response holds its connection until read; then it is reused', async () => {
    await using raw = await startRawServer((socket) => socket.write(OK))
    const r = await requests.get(raw.url, { stream: true })
    expect(new TextDecoder().decode(await r.readContent())).toBe('ok')
    await requests.get(raw.url)
    expect(raw.connections).toBe(1)
  })
})
