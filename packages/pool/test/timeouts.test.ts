import { createRequire } from 'node:module'
import { setTimeout as realSleep } from 'node:timers/promises'
import { published, until } from '@x/testserver/vitest'
import { startRawServer, startSilentServer } from '@x/testserver'
import { describe, expect, test, vi } from 'vitest'
import {
  channels,
  ConnectTimeoutError,
  MaxRetryError,
  PoolManager,
  ReadTimeoutError,
  TimeoutConfig,
  TimeoutError,
} from '../src/index.js'

describe('timeouts (milliseconds)', () => {
  test('connect: a handshake that never completes is ConnectTimeoutError; the slot is returned', async () => {
    await using silent = await startSilentServer()
    const { port } = silent
    await using pm = new PoolManager({ retries: false, timeout: { connect: 150 } })
    const url = `https://127.0.0.1:${port}/`
    const error = await pm.request('GET', url).catch((e) => e)
    expect(error).toBeInstanceOf(ConnectTimeoutError)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.code).toBe('ERR_POOL_CONNECT_TIMEOUT')
    await until(() => pm.stats()[`https://127.0.0.1:${port}`]?.size === 0)
    expect(pm.stats()[`https://127.0.0.1:${port}`]).toMatchObject({
      running: 0,
      queued: 0,
      pending: 0,
      connected: 0,
    })
  })

  test('connect timeouts are retried against the connect count', async () => {
    await using silent = await startSilentServer()
    const { port } = silent
    await using pm = new PoolManager({ timeout: { connect: 100 } })
    const error = await pm.request('GET', `https://127.0.0.1:${port}/`, { retries: 1 }).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect(error.reason).toBeInstanceOf(ConnectTimeoutError)
    await until(() => silent.connections === 2)
  })

  test('read: no response head in time is ReadTimeoutError; the socket is not reused', async () => {
    let answer = false
    await using server = await startRawServer((socket) => {
      if (answer) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      answer = true
    })
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`, { timeout: { read: 150 } }).catch((e) => e)
    expect(error).toBeInstanceOf(ReadTimeoutError)
    expect(error.code).toBe('ERR_POOL_READ_TIMEOUT')
    const ok = await pm.request('GET', `${server.url}/`, { timeout: { read: 150 } })
    expect(ok.text()).toBe('ok')
    expect(server.connections).toBe(2)
  })

  test('read: a body that stalls is ReadTimeoutError', async () => {
    await using server = await startRawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'),
    )
    await using pm = new PoolManager({ retries: false, timeout: new TimeoutConfig({ read: 150 }) })
    await expect(pm.request('GET', `${server.url}/`)).rejects.toBeInstanceOf(ReadTimeoutError)
    const streamed = await pm.request('GET', `${server.url}/`, { preloadContent: false })
    await expect(streamed.read()).rejects.toBeInstanceOf(ReadTimeoutError)
  })

  test('read timeouts are retried for GET', async () => {
    await using server = await startRawServer(() => {})
    await using pm = new PoolManager({ timeout: { read: 100 } })
    const error = await pm.request('GET', `${server.url}/`, { retries: 2 }).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect(error.reason).toBeInstanceOf(ReadTimeoutError)
    expect(server.requests).toBe(3)
  })

  test('total: a server trickling bytes cannot hold the caller; TimeoutError, slot returned', async () => {
    await using server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n')
      const timer = setInterval(() => socket.write('x'), 20)
      socket.on('close', () => clearInterval(timer))
    })
    await using pm = new PoolManager({ retries: false })
    const error = await pm
      .request('GET', `${server.url}/`, { timeout: { read: 1000, total: 250 } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).not.toBeInstanceOf(ReadTimeoutError)
    expect(error.code).toBe('ERR_POOL_TIMEOUT')
    await until(() => pm.stats()[server.url]?.running === 0)
    await until(() => server.sockets.size === 0)
  })

  test('total also bounds a streamed body after the head arrived', async () => {
    await using server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n')
      const timer = setInterval(() => socket.write('x'), 20)
      socket.on('close', () => clearInterval(timer))
    })
    await using pm = new PoolManager({ retries: false })
    const resp = await pm.request('GET', `${server.url}/`, { timeout: { total: 250 }, preloadContent: false })
    expect(resp.status).toBe(200)
    const error = await (async () => {
      for await (const _ of resp.stream());
    })().catch((e) => e)
    expect(error).toBeInstanceOf(TimeoutError)
  })

  // undici runs headersTimeout/bodyTimeout/connect timeouts on a coarse clock (ticks of about half a second): a
  // 200 ms timeout fired after ~1 s. The pool times them on native timers. These tests fake only setTimeout and
  // clearTimeout (sockets stay real) and move that clock by hand: the error comes when the timer clock reaches
  // the timeout, not a tick before and not a coarse tick later. No wall time is measured.
  describe('short timeouts fire on time, not up to a second late', () => {
    test('read, waiting for the head', async () => {
      let received = false
      await using server = await startRawServer(() => {
        received = true
      })
      await using pm = new PoolManager({ retries: false })
      using clock = fakeClock()
      const request = settled(pm.request('GET', `${server.url}/`, { timeout: { read: 200 } }))
      await clock.until(() => received)
      await clock.expectPendingUntil(request, 200)
      expect(await request.error()).toBeInstanceOf(ReadTimeoutError)
      clock.restore()
      await until(() => server.sockets.size === 0) // the socket is destroyed, not reused
    })

    test('read, between body chunks (preloaded and streamed)', async () => {
      await using server = await startRawServer((socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'),
      )
      await using pm = new PoolManager({ retries: false, timeout: { read: 200 } })
      using clock = fakeClock()
      const heads = published(channels.headers.name as string)
      const preloaded = settled(pm.request('GET', `${server.url}/`))
      await clock.until(() => heads.length === 1)
      await clock.expectPendingUntil(preloaded, 200)
      expect(await preloaded.error()).toBeInstanceOf(ReadTimeoutError)
      const streamed = await pm.request('GET', `${server.url}/`, { preloadContent: false })
      const read = settled(streamed.read())
      await clock.settle() // 'abc' is read; the read timeout restarts at its arrival
      await clock.expectPendingUntil(read, 200)
      expect(await read.error()).toBeInstanceOf(ReadTimeoutError)
      clock.restore()
    })

    test('read: a slow reader (backpressure) is not a read timeout', async () => {
      const big = 'x'.repeat(1024 * 1024)
      await using server = await startRawServer((socket) =>
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n${big}`),
      )
      await using pm = new PoolManager({ retries: false, timeout: { read: 100 } })
      const resp = await pm.request('GET', `${server.url}/`, { preloadContent: false })
      let size = 0
      for await (const chunk of resp.stream(64 * 1024)) {
        size += chunk.length
        if (size <= 128 * 1024) await new Promise((resolve) => setTimeout(resolve, 150)) // longer than read
      }
      expect(size).toBe(big.length)
    })

    test('connect', async () => {
      await using silent = await startSilentServer()
      const { port } = silent
      await using pm = new PoolManager({ retries: false, timeout: { connect: 200 } })
      using clock = fakeClock()
      const request = settled(pm.request('GET', `https://127.0.0.1:${port}/`))
      await clock.until(() => silent.connections === 1)
      await clock.expectPendingUntil(request, 200)
      expect(await request.error()).toBeInstanceOf(ConnectTimeoutError)
      clock.restore()
    })
  })

  test('Timeout.from: a number sets connect and read', () => {
    const t = TimeoutConfig.from(500)
    expect([t.connect, t.read, t.total]).toEqual([500, 500, undefined])
    expect(new TimeoutConfig().connect).toBe(10_000)
    expect(() => new TimeoutConfig({ connect: -1 })).toThrow('"options.connect" must be a positive number')
    expect(() => new TimeoutConfig({ conect: 1 } as never)).toThrow('"options.conect" is not a known option')
  })
})

// Issue 14: `Timeout` is also @x/requests' error class; the configuration class is TimeoutConfig, with a
// deprecated alias so existing code keeps working.
test('Timeout is a deprecated alias of TimeoutConfig', async () => {
  const pool = await import('../src/index.js')
  expect(pool.Timeout).toBe(pool.TimeoutConfig)
  expect(new pool.Timeout({ connect: 1 })).toBeInstanceOf(pool.TimeoutConfig)
})

/** A promise watched without being awaited: whether it settled yet, and its rejection. */
function settled(promise: Promise<unknown>) {
  let done = false
  const outcome = promise.then(
    () => {
      done = true
      return undefined
    },
    (error: unknown) => {
      done = true
      return error
    },
  )
  return { isDone: () => done, error: () => outcome }
}

/**
 * undici runs its coarse timeouts off one ticking timer, created on first use and kept: created while setTimeout is
 * faked, it would stay fake for the rest of the file and undici's own timeouts would never fire. Have it created
 * on the real clock first (setFastTimeout/clearFastTimeout are exports of undici's timers module).
 */
function startUndiciClock(): void {
  const timers = createRequire(import.meta.url)('undici/lib/util/timers.js') as {
    setFastTimeout(callback: () => void, delay: number): unknown
    clearFastTimeout(timer: unknown): void
  }
  timers.clearFastTimeout(timers.setFastTimeout(() => {}, 60_000))
}

/**
 * Fakes setTimeout/clearTimeout only: sockets, setImmediate and promises stay real, so I/O goes on while the
 * timer clock stands still until moved. `restore()` (or the end of a `using` scope, before the pool and server
 * declared earlier are closed) brings the real timers back.
 */
function fakeClock() {
  startUndiciClock()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  /** Lets pending I/O callbacks and promise jobs run (the timer clock stands still). */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
  }
  return {
    settle,
    /** Waits (node:timers/promises, which stays real) until `predicate` holds, then lets the client settle. */
    async until(predicate: () => boolean) {
      for (let i = 0; i < 2000 && !predicate(); i++) await realSleep(5)
      expect(predicate()).toBe(true)
      await settle()
    },
    /** Moves the timer clock to 1 ms before `ms`: `watched` is still pending; then to `ms`: it settled. */
    async expectPendingUntil(watched: { isDone: () => boolean }, ms: number) {
      expect(watched.isDone()).toBe(false)
      vi.advanceTimersByTime(ms - 1)
      await settle()
      expect(watched.isDone()).toBe(false)
      vi.advanceTimersByTime(1)
      await settle()
      expect(watched.isDone()).toBe(true)
    },
    restore: () => vi.useRealTimers(),
    [Symbol.dispose]: () => vi.useRealTimers(),
  }
}
