// Resource safety: bounded sockets under load, aborts at every stage, unread bodies, servers that drop idle
// sockets; afterwards no socket, timer or abort listener is left behind and the pool still serves.
import { getEventListeners } from 'node:events'
import type { Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { EmptyPoolError, PoolManager } from '@x/pool'
import { HTTPAdapter, Session } from '@x/requests'
import { afterEach, describe, expect, test } from 'vitest'
import {
  closeAll,
  describeError,
  isTyped,
  raw,
  recorder,
  resources,
  type Route,
  settledGrowth,
  until,
} from './helpers.ts'

afterEach(closeAll)

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

/** A recorder answering after `delay` ms, tracking the peak number of open sockets. */
async function slowServer(delay = 2, routes: Record<string, Route> = {}) {
  const server = await recorder({
    '/slow': async (_req, res) => {
      await sleep(delay)
      res.writeHead(200, { 'content-length': 2 })
      res.end('ok')
    },
    ...routes,
  })
  let open = 0
  const stats = { peak: 0 }
  server.server.on('connection', (socket: Socket) => {
    open++
    stats.peak = Math.max(stats.peak, open)
    socket.on('close', () => open--)
  })
  return Object.assign(server, { stats, open: () => open })
}

describe('bounded sockets under load', () => {
  test('@x/pool: 1000 concurrent requests through a blocking pool of 10 use at most 10 sockets', async () => {
    const server = await slowServer()
    const before = resources()
    const pm = new PoolManager({ maxSize: 10, block: true })
    const all = await Promise.all(Array.from({ length: 1000 }, () => pm.request('GET', `${server.url}/slow`)))
    expect(all.every((r) => r.text() === 'ok')).toBe(true)
    expect(server.stats.peak).toBeLessThanOrEqual(10)
    expect(server.seen).toHaveLength(1000)
    expect(pm.stats()[server.url]).toMatchObject({ running: 0, pending: 0, queued: 0 })
    await pm.close()
    expect(await settledGrowth(before)).toEqual({})
  })

  test('@x/requests: 1000 concurrent requests through poolMaxsize 10, poolBlock: true use at most 10 sockets', async () => {
    const server = await slowServer()
    const before = resources()
    const s = new Session({ trustEnv: false })
    s.mount('http://', new HTTPAdapter({ poolMaxsize: 10, poolBlock: true }))
    const all = await Promise.all(Array.from({ length: 1000 }, () => s.get(`${server.url}/slow`)))
    expect(all.every((r) => r.text === 'ok')).toBe(true)
    expect(server.stats.peak).toBeLessThanOrEqual(10)
    await s.close()
    expect(await settledGrowth(before)).toEqual({})
  })
})

describe('aborts at every stage leave nothing behind and the pool still serves', () => {
  /** Paths: /hang never answers; /trickle sends a head and then a byte every 20 ms; anything else is 200 ok. */
  async function stages() {
    return raw((socket, request) => {
      if (request.path === '/hang') return
      if (request.path === '/trickle') {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n')
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('x')), 20)
        return
      }
      socket.write(OK)
    })
  }

  const STAGES: Array<[string, (url: string) => { path: string; abortAfter: number; stream?: boolean }]> = [
    ['before sending (signal already aborted)', () => ({ path: '/ok', abortAfter: -1 })],
    ['while waiting for the response head', () => ({ path: '/hang', abortAfter: 50 })],
    ['while preloading the body', () => ({ path: '/trickle', abortAfter: 100 })],
    ['while streaming the body', () => ({ path: '/trickle', abortAfter: 100, stream: true })],
  ]

  for (const [stage, plan] of STAGES) {
    test(`@x/pool abort ${stage}`, async () => {
      const server = await stages()
      const before = resources()
      const pm = new PoolManager({ maxSize: 2, block: true, retries: false })
      const { path, abortAfter, stream } = plan(server.url)
      const controller = new AbortController()
      const reason = new Error('stop')
      if (abortAfter < 0) controller.abort(reason)
      else setTimeout(() => controller.abort(reason), abortAfter)
      const outcome = await (async () => {
        const resp = await pm.request('GET', `${server.url}${path}`, {
          signal: controller.signal,
          preloadContent: !stream,
        })
        for await (const _ of resp.stream()) {
          // read until the abort
        }
      })().catch((e: unknown) => e)
      expect(outcome).toBe(reason)
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
      expect((await pm.request('GET', `${server.url}/ok`)).text()).toBe('ok')
      await until(() => pm.stats()[server.url]?.running === 0)
      await pm.close()
      expect(await settledGrowth(before)).toEqual({})
    })
  }

  // A TCP server that never completes the TLS handshake: the request stays in its connect phase.
  const silentTls = () => raw(() => {})

  test('@x/pool abort while connecting (TLS handshake never completes): the attempt is dropped too', async () => {
    const server = await silentTls()
    const before = resources()
    // A connect timeout far beyond the test timeout: close() must not wait for the abandoned handshake.
    const pm = new PoolManager({ retries: false, timeout: { connect: 60_000 } })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('stop')), 50)
    const outcome = await pm
      .request('GET', `https://127.0.0.1:${server.port}/`, { signal: controller.signal })
      .catch((e: unknown) => e)
    expect(outcome).toMatchObject({ message: 'stop' })
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    await pm.close()
    expect(await settledGrowth(before)).toEqual({})
  }, 10_000)

  test('@x/pool and @x/requests: a connect timeout during the TLS handshake is a typed error', async () => {
    const server = await silentTls()
    const before = resources()
    await using pm = new PoolManager({ retries: false, timeout: { connect: 100 } })
    const poolError = await pm.request('GET', `https://127.0.0.1:${server.port}/`).catch((e: unknown) => e)
    expect(isTyped(poolError), describeError(poolError)).toBe(true)
    await using s = new Session({ trustEnv: false, timeout: { connect: 100, read: 1_000 } })
    const requestsError = await s.get(`https://127.0.0.1:${server.port}/`).catch((e: unknown) => e)
    expect(isTyped(requestsError), describeError(requestsError)).toBe(true)
    await pm.close()
    await s.close()
    expect(await settledGrowth(before)).toEqual({})
  })

  test('@x/pool abort while queued behind a full blocking pool: the waiter never touches a socket', async () => {
    const server = await stages()
    const pm = new PoolManager({ maxSize: 1, block: true, retries: false })
    const hung = pm.request('GET', `${server.url}/hang`, { timeout: { read: 500 } }).catch((e: unknown) => e)
    await until(() => server.requests === 1)
    const controller = new AbortController()
    const queued = pm
      .request('GET', `${server.url}/ok`, { signal: controller.signal })
      .catch((e: unknown) => e)
    controller.abort(new Error('stop'))
    expect(await queued).toMatchObject({ message: 'stop' })
    expect(server.connections).toBe(1)
    await pm.close()
    await hung
  })

  for (const [stage, plan] of STAGES) {
    test(`@x/requests abort ${stage}`, async () => {
      const server = await stages()
      const before = resources()
      const s = new Session({ trustEnv: false })
      const { path, abortAfter, stream } = plan(server.url)
      const controller = new AbortController()
      if (abortAfter < 0) controller.abort(new Error('stop'))
      else setTimeout(() => controller.abort(new Error('stop')), abortAfter)
      const outcome = await (async () => {
        const r = await s.get(`${server.url}${path}`, {
          signal: controller.signal,
          ...(stream ? { stream } : {}),
        })
        for await (const _ of r.iterContent()) {
          // read until the abort
        }
      })().catch((e: unknown) => e)
      expect(outcome, describeError(outcome)).toBeInstanceOf(Error)
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
      expect((await s.get(`${server.url}/ok`)).text).toBe('ok')
      await s.close()
      expect(await settledGrowth(before)).toEqual({})
    })
  }
})

describe('a long-lived AbortSignal does not collect listeners', () => {
  test('@x/pool: 200 preloaded requests sharing one signal leave no listener', async () => {
    const server = await raw((socket) => socket.write(OK))
    await using pm = new PoolManager()
    const controller = new AbortController()
    for (let i = 0; i < 200; i++) await pm.request('GET', `${server.url}/`, { signal: controller.signal })
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  test('@x/pool: 200 streamed and fully read requests sharing one signal leave no listener', async () => {
    const server = await raw((socket) => socket.write(OK))
    await using pm = new PoolManager()
    const controller = new AbortController()
    for (let i = 0; i < 200; i++) {
      const resp = await pm.request('GET', `${server.url}/`, {
        signal: controller.signal,
        preloadContent: false,
      })
      await resp.read()
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  test('@x/requests: 200 requests sharing one signal leave no listener', async () => {
    const server = await raw((socket) => socket.write(OK))
    await using s = new Session({ trustEnv: false })
    const controller = new AbortController()
    for (let i = 0; i < 200; i++) await s.get(`${server.url}/`, { signal: controller.signal })
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})

describe('bodies never read', () => {
  test('@x/pool: unread streamed bodies hold their slots; poolTimeout gives EmptyPoolError, close() frees them', async () => {
    const server = await slowServer(0, {
      '/big': (_req, res) => {
        res.writeHead(200, { 'content-length': 4 * 1024 * 1024 })
        res.end(Buffer.alloc(4 * 1024 * 1024))
      },
    })
    const before = resources()
    const pm = new PoolManager({ maxSize: 4, block: true, retries: false })
    const unread = await Promise.all(
      Array.from({ length: 4 }, () => pm.request('GET', `${server.url}/big`, { preloadContent: false })),
    )
    const waiting = await pm
      .request('GET', `${server.url}/slow`, { poolTimeout: 200 })
      .catch((e: unknown) => e)
    expect(waiting, describeError(waiting)).toBeInstanceOf(EmptyPoolError)
    for (const resp of unread) resp.close()
    expect((await pm.request('GET', `${server.url}/slow`)).text()).toBe('ok')
    // An unread body's socket is destroyed, never handed to the next request mid-body.
    expect(server.connections).toBeGreaterThanOrEqual(5)
    await pm.close()
    expect(await settledGrowth(before)).toEqual({})
  })

  test('@x/requests: stream: true responses closed unread free their connections', async () => {
    const server = await slowServer(0, {
      '/big': (_req, res) => {
        res.writeHead(200, { 'content-length': 4 * 1024 * 1024 })
        res.end(Buffer.alloc(4 * 1024 * 1024))
      },
    })
    const before = resources()
    const s = new Session({ trustEnv: false })
    s.mount('http://', new HTTPAdapter({ poolMaxsize: 2, poolBlock: true }))
    for (let i = 0; i < 10; i++) (await s.get(`${server.url}/big`, { stream: true })).close()
    expect((await s.get(`${server.url}/slow`)).text).toBe('ok')
    await s.close()
    expect(await settledGrowth(before)).toEqual({})
  })
})

describe('servers closing idle sockets at random', () => {
  /** Answers 200 and then, one time in three, closes the socket after 0-15 ms (an idle timeout race). */
  async function flaky() {
    return raw((socket) => {
      socket.write(OK)
      if (Math.random() < 1 / 3) setTimeout(() => socket.destroy(), Math.random() * 15)
    })
  }

  test('@x/pool: 300 GETs in waves of 10 all succeed, nothing leaks, the pool still serves', async () => {
    const server = await flaky()
    const before = resources()
    const pm = new PoolManager({ maxSize: 5, block: true })
    for (let wave = 0; wave < 30; wave++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => pm.request('GET', `${server.url}/`).catch((e: unknown) => e)),
      )
      for (const r of results) {
        expect(r instanceof Error ? describeError(r) : (r as { text(): string }).text()).toBe('ok')
      }
      await sleep(Math.random() * 10)
    }
    await pm.close()
    expect(await settledGrowth(before)).toEqual({})
  })

  test('@x/requests: 300 GETs in waves of 10 succeed or fail typed; nothing leaks', async () => {
    const server = await flaky()
    const before = resources()
    const s = new Session({ trustEnv: false })
    let ok = 0
    for (let wave = 0; wave < 30; wave++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => s.get(`${server.url}/`).catch((e: unknown) => e)),
      )
      for (const r of results) {
        if (r instanceof Error) expect(isTyped(r), describeError(r)).toBe(true)
        else ok++
      }
      await sleep(Math.random() * 10)
    }
    expect(ok).toBeGreaterThan(270)
    await s.close()
    expect(await settledGrowth(before)).toEqual({})
  })
})
