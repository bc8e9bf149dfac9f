import { startHttpbin, startRawServer, startSilentServer, startHttpServer } from '@x/testserver'
import { serverTest, until } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { ConnectionPool, PoolManager } from '../src/index.js'

const test = serverTest(() => startHttpbin())

describe('pool sizing', () => {
  test('1000 concurrent requests with maxSize 10 (block) all succeed over at most 10 sockets', async () => {
    let open = 0
    let peak = 0
    await using http = await startHttpServer((_req, res) => setImmediate(() => res.end('ok')))
    http.server.on('connection', (socket) => {
      open++
      peak = Math.max(peak, open)
      socket.on('close', () => open--)
    })
    await using pm = new PoolManager({ maxSize: 10, block: true })
    const all = await Promise.all(Array.from({ length: 1000 }, () => pm.request('GET', `${http.url}/`)))
    expect(all.every((r) => r.status === 200 && r.text() === 'ok')).toBe(true)
    expect(http.connections).toBeLessThanOrEqual(10)
    expect(peak).toBeLessThanOrEqual(10)
    expect(pm.stats()[http.url]!.connected).toBeLessThanOrEqual(10)
  })

  test('1000 concurrent requests with maxSize 10 and default options never open more than 10 sockets', async () => {
    let open = 0
    let peak = 0
    await using http = await startHttpServer((_req, res) => setImmediate(() => res.end('ok')))
    http.server.on('connection', (socket) => {
      open++
      peak = Math.max(peak, open)
      socket.on('close', () => open--)
    })
    await using pm = new PoolManager({ maxSize: 10 }) // block: true is the default
    const all = await Promise.all(Array.from({ length: 1000 }, () => pm.request('GET', `${http.url}/`)))
    expect(all.every((r) => r.status === 200 && r.text() === 'ok')).toBe(true)
    expect(http.connections).toBeLessThanOrEqual(10)
    expect(peak).toBeLessThanOrEqual(10)
    expect(pm.stats()[http.url]).toMatchObject({ running: 0, queued: 0, pending: 0 })
  })

  test('1000 concurrent requests with maxSize 10 and block: false all succeed; at most 10 are kept', async () => {
    await using http = await startHttpServer((_req, res) => setImmediate(() => res.end('ok')))
    await using pm = new PoolManager({ maxSize: 10, block: false })
    const all = await Promise.all(Array.from({ length: 1000 }, () => pm.request('GET', `${http.url}/`)))
    expect(all.every((r) => r.status === 200 && r.text() === 'ok')).toBe(true)
    await until(() => pm.stats()[http.url]!.connected <= 10)
    expect(pm.stats()[http.url]).toMatchObject({ running: 0, queued: 0, pending: 0 })
  })

  test('block: false opens extra connections under load and does not keep them', async () => {
    await using http = await startHttpServer((_req, res) => setTimeout(() => res.end('ok'), 20))
    await using pm = new PoolManager({ maxSize: 2, block: false })
    const all = await Promise.all(Array.from({ length: 20 }, () => pm.request('GET', `${http.url}/`)))
    expect(all.every((r) => r.status === 200)).toBe(true)
    expect(http.connections).toBeGreaterThan(2)
    await until(() => pm.stats()[http.url]!.connected <= 2)
    expect(pm.stats()[http.url]).toMatchObject({ running: 0, queued: 0 })
  })

  test('numPools bounds the pools kept (least recently used closed first)', async ({ server: bin }) => {
    await using first = await startHttpbin()
    await using second = await startHttpbin()
    await using pm = new PoolManager({ numPools: 2 })
    await pm.request('GET', `${bin.url}/get`)
    await pm.request('GET', `${first.url}/get`)
    await pm.request('GET', `${bin.url}/get`) // bin is now the most recently used
    await pm.request('GET', `${second.url}/get`)
    expect(pm.size).toBe(2)
    expect(Object.keys(pm.stats()).sort()).toEqual([bin.url, second.url].sort())
  })

  test('connectionFromUrl: one pool per origin and settings; TLS overrides get their own https pool', async ({
    server: bin,
  }) => {
    await using pm = new PoolManager()
    const a = pm.connectionFromUrl(`${bin.url}/x`)
    const b = pm.connectionFromUrl(`${bin.url}/y?z=1`)
    expect(a).toBeInstanceOf(ConnectionPool)
    expect(a).toBe(b)
    expect(a.origin).toBe(bin.url)
    // http: uses no TLS, so TLS overrides do not split its pool.
    expect(pm.connectionFromUrl(bin.url, { tls: { rejectUnauthorized: false } })).toBe(a)
    const secure = 'https://127.0.0.1:8443'
    const c = pm.connectionFromUrl(secure, { tls: { rejectUnauthorized: false } })
    expect(c).not.toBe(pm.connectionFromUrl(secure))
    expect(c.key).not.toBe(pm.connectionFromUrl(secure).key)
    expect(pm.connectionFromUrl(bin.url.replace('127.0.0.1', 'localhost'))).not.toBe(a)
    const resp = await a.request('GET', '/get')
    expect(resp.status).toBe(200)
  })

  test('stats report undici counters per origin', async ({ server: bin }) => {
    await using pm = new PoolManager()
    await pm.request('GET', `${bin.url}/get`)
    const stats = pm.stats()[bin.url]!
    expect(Object.keys(stats).sort()).toEqual(['connected', 'free', 'pending', 'queued', 'running', 'size'])
    expect(stats.connected).toBeGreaterThanOrEqual(1)
  })

  test('clear() closes the pools and the manager stays usable; close() is final', async ({ server: bin }) => {
    const pm = new PoolManager()
    await pm.request('GET', `${bin.url}/get`)
    await pm.clear()
    expect(pm.size).toBe(0)
    expect((await pm.request('GET', `${bin.url}/get`)).status).toBe(200)
    await pm[Symbol.asyncDispose]()
    await expect(pm.request('GET', `${bin.url}/get`)).rejects.toMatchObject({ name: 'ClosedPoolError' })
  })
})

describe('AbortSignal frees the connection at every stage', () => {
  test('while queued for a connection', async () => {
    let release: (() => void) | undefined
    await using http = await startHttpServer((req, res) => {
      if (req.url === '/slow') release = () => res.end('slow')
      else res.end('ok')
    })
    await using pm = new PoolManager({ maxSize: 1, block: true })
    const slow = pm.request('GET', `${http.url}/slow`)
    // Wait for the server to hold /slow (not only for undici to have written it), or release() is a no-op.
    await until(() => release !== undefined)
    const controller = new AbortController()
    const queued = pm.request('GET', `${http.url}/queued`, { signal: controller.signal })
    controller.abort(new Error('user gave up'))
    await expect(queued).rejects.toThrow('user gave up')
    release!()
    expect((await slow).text()).toBe('slow')
    expect((await pm.request('GET', `${http.url}/next`)).text()).toBe('ok')
    expect(http.connections).toBe(1)
  })

  test('while connecting (TLS handshake that never completes)', async () => {
    await using silent = await startSilentServer()
    const origin = `https://127.0.0.1:${silent.port}`
    await using pm = new PoolManager({ retries: false, timeout: { connect: 300 } })
    const controller = new AbortController()
    const pending = pm.request('GET', `${origin}/`, { signal: controller.signal })
    await until(() => silent.sockets.size === 1)
    controller.abort(new Error('cancelled while connecting'))
    await expect(pending).rejects.toThrow('cancelled while connecting')
    await until(() => pm.stats()[origin]?.size === 0 && pm.stats()[origin]?.connected === 0)
  })

  test.each([
    ['verified', {}],
    ['pinned', { assertFingerprint: 'AB'.repeat(32) }],
  ] as const)(
    'while connecting (%s): the half-open socket is destroyed at abort, not at the connect timeout',
    async (_name, tls) => {
      // reads (and ignores) the ClientHello, so the client's close is seen
      await using silent = await startSilentServer()
      const origin = `https://127.0.0.1:${silent.port}`
      const tcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length
      // Only the abort can end the attempt before this connect timeout.
      await using pm = new PoolManager({ retries: false, timeout: { connect: 5_000 }, tls })
      const before = tcpSockets()
      const controller = new AbortController()
      const pending = pm.request('GET', `${origin}/`, { signal: controller.signal })
      await until(() => silent.sockets.size === 1)
      controller.abort(new Error('cancelled while connecting'))
      await expect(pending).rejects.toThrow('cancelled while connecting')
      await new Promise((resolve) => setImmediate(resolve))
      expect(pm.stats()[origin]).toMatchObject({ size: 0, pending: 0, running: 0, connected: 0 })
      await until(() => silent.sockets.size === 0, 200) // the server saw the client close its half-open socket
      expect(tcpSockets()).toBeLessThanOrEqual(before) // no extra TCPSocketWrap (others may have closed meanwhile)
    },
  )

  test('while waiting for the response head', async () => {
    await using server = await startRawServer(() => {})
    await using pm = new PoolManager()
    const controller = new AbortController()
    const pending = pm.request('GET', `${server.url}/`, { signal: controller.signal })
    await until(() => server.requests === 1)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await until(() => server.sockets.size === 0)
    await until(() => pm.stats()[server.url]?.running === 0)
  })

  test('while reading a streamed body', async () => {
    await using server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n')
      socket.write('x'.repeat(1000))
    })
    await using pm = new PoolManager()
    const controller = new AbortController()
    const resp = await pm.request('GET', `${server.url}/`, {
      signal: controller.signal,
      preloadContent: false,
    })
    expect((await resp.read(1000)).length).toBe(1000)
    controller.abort(new Error('stop'))
    await expect(resp.read()).rejects.toThrow('stop')
    await until(() => server.sockets.size === 0)
  })

  test('an already aborted signal sends nothing', async () => {
    await using server = await startRawServer(() => {})
    await using pm = new PoolManager()
    await expect(pm.request('GET', `${server.url}/`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(server.connections).toBe(0)
  })
})

describe('block: true queueing', () => {
  test('poolTimeout: waiting longer than allowed is EmptyPoolError (not retried); the queue empties', async () => {
    let release: (() => void) | undefined
    await using http = await startHttpServer((req, res) => {
      if (req.url === '/slow') release = () => res.end('slow')
      else res.end('ok')
    })
    await using pm = new PoolManager({ maxSize: 1, block: true })
    const slow = pm.request('GET', `${http.url}/slow`)
    // Wait for the server to hold /slow (not only for undici to have written it), or release() is a no-op.
    await until(() => release !== undefined)
    const waiting = pm.request('GET', `${http.url}/queued`, { poolTimeout: 50 })
    expect(pm.stats()[http.url]!.queued).toBe(1)
    await expect(waiting).rejects.toMatchObject({ name: 'EmptyPoolError', code: 'ERR_POOL_EMPTY' })
    expect(pm.stats()[http.url]!.queued).toBe(0)
    release!()
    await slow
    expect((await pm.request('GET', `${http.url}/after`)).text()).toBe('ok')
  })
})

describe('closing', () => {
  test('closing the manager fails waiting requests with ClosedPoolError (not retried) and lets running ones finish', async () => {
    let release: (() => void) | undefined
    await using http = await startHttpServer((req, res) => {
      if (req.url === '/slow') release = () => res.end('slow')
      else res.end('ok')
    })
    const pm = new PoolManager({ maxSize: 1, block: true })
    const slow = pm.request('GET', `${http.url}/slow`)
    await until(() => release !== undefined)
    const waiting = pm.request('GET', `${http.url}/waiting`).catch((e) => e)
    const closing = pm.close()
    expect(await waiting).toMatchObject({ name: 'ClosedPoolError' })
    release!()
    expect((await slow).text()).toBe('slow')
    await closing
    expect(http.connections).toBe(1)
  })

  test('a ConnectionPool closed by LRU eviction fails new requests with ClosedPoolError', async ({
    server: bin,
  }) => {
    await using pm = new PoolManager()
    const pool = pm.connectionFromUrl(bin.url)
    await pool.close()
    await expect(pool.request('GET', '/get')).rejects.toMatchObject({ name: 'ClosedPoolError' })
    expect(pool.active).toBe(0)
  })
})
