import { until } from '@x/testserver/vitest'
import { startRawServer } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import {
  IncompleteRead,
  MaxRetryError,
  PoolManager,
  ProtocolError,
  ProxyError,
  ProxyManager,
} from '../src/index.js'

// Issue 12 item 1: a reset (RST, SO_LINGER 0) is not the end of a close-delimited body.

type Raw = Awaited<ReturnType<typeof startRawServer>>

const CLOSE_DELIMITED = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n'
const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

/** Lets the bytes written so far reach the client before the reset (a reset discards unsent data). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

/** The first connection gets `bytes` then a TCP reset (`resetAndDestroy`, SO_LINGER 0); later ones get OK. */
async function resetServer(bytes: string, end: 'reset' | 'close' = 'reset'): Promise<Raw> {
  let first = true
  return startRawServer((socket) => {
    if (!first) {
      socket.write(OK)
      return
    }
    first = false
    socket.write(bytes)
    void settle().then(() => (end === 'reset' ? socket.resetAndDestroy() : socket.end()))
  })
}

async function expectRecovery(pm: PoolManager, server: Raw): Promise<void> {
  const resp = await pm.request('GET', `${server.url}/again`)
  expect(resp.text()).toBe('ok')
  await until(() => pm.stats()[server.url]?.running === 0)
  expect(pm.stats()[server.url]).toMatchObject({ running: 0, pending: 0, queued: 0 })
}

describe('a close-delimited body cut by a reset', () => {
  test('preloaded: ProtocolError, not a 200 holding the bytes received so far', async () => {
    await using server = await resetServer(`${CLOSE_DELIMITED}part of the bo`)
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).not.toBeInstanceOf(IncompleteRead) // no Content-Length to fall short of
    expect(error.message).toMatch(/reset/i)
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNRESET')
    await expectRecovery(pm, server)
  })

  test('streamed: the body iterator rejects with ProtocolError after the bytes received', async () => {
    await using server = await resetServer(`${CLOSE_DELIMITED}part of the bo`)
    await using pm = new PoolManager({ retries: false })
    const resp = await pm.request('GET', `${server.url}/`, { preloadContent: false })
    expect(resp.status).toBe(200)
    const received: string[] = []
    const error = await (async () => {
      for await (const chunk of resp.stream()) received.push(Buffer.from(chunk).toString())
    })().catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect(received.join('')).toBe('part of the bo')
    await expectRecovery(pm, server)
  })

  test('a head followed at once by a reset is an error, not an empty 200', async () => {
    await using server = await resetServer(CLOSE_DELIMITED)
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    await expectRecovery(pm, server)
  })

  test('HTTP/1.0 without Content-Length, reset mid-body: ProtocolError', async () => {
    await using server = await resetServer('HTTP/1.0 200 OK\r\n\r\nhalf')
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(ProtocolError)
  })

  test('a GET is retried within the budget and MaxRetryError carries the ProtocolError', async () => {
    await using server = await startRawServer((socket) => {
      socket.write(`${CLOSE_DELIMITED}part`)
      void settle().then(() => socket.resetAndDestroy())
    })
    await using pm = new PoolManager({ retries: 2 })
    const error = await pm.request('GET', `${server.url}/`).catch((e) => e)
    expect(error).toBeInstanceOf(MaxRetryError)
    expect((error as MaxRetryError).reason).toBeInstanceOf(ProtocolError)
    expect(server.requests).toBe(3)
  })

  test('a clean close (FIN) still ends a close-delimited body normally', async () => {
    await using server = await resetServer(`${CLOSE_DELIMITED}the whole body`, 'close')
    await using pm = new PoolManager({ retries: false })
    const resp = await pm.request('GET', `${server.url}/`)
    expect(resp.status).toBe(200)
    expect(resp.text()).toBe('the whole body')
    await using streamed = await resetServer(`${CLOSE_DELIMITED}streamed body`, 'close')
    const r2 = await pm.request('GET', `${streamed.url}/`, { preloadContent: false })
    expect(Buffer.from(await r2.read()).toString()).toBe('streamed body')
    await expectRecovery(pm, server)
  })

  test('many close-delimited responses in parallel: only the reset ones fail', async () => {
    let n = 0
    await using server = await startRawServer((socket) => {
      const reset = n++ % 2 === 0
      socket.write(`${CLOSE_DELIMITED}${reset ? 'cut' : 'complete'}`)
      void settle().then(() => (reset ? socket.resetAndDestroy() : socket.end()))
    })
    await using pm = new PoolManager({ retries: false, maxSize: 20 })
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        pm.request('GET', `${server.url}/`).then(
          (r) => r.text(),
          (e: Error) => e,
        ),
      ),
    )
    expect(results.filter((r) => r === 'complete')).toHaveLength(10)
    expect(results.filter((r) => r instanceof ProtocolError)).toHaveLength(10)
  })
})

describe('a 407 from the proxy is not retried (issue 12, minor)', () => {
  test('wrong proxy credentials: ProxyError at once, one attempt at the proxy, with the default retries', async () => {
    const { startHttpbin, startHttpsHttpbin, startProxy } = await import('@x/testserver')
    await using bin = await startHttpbin()
    await using tlsBin = await startHttpsHttpbin()
    await using proxy = await startProxy({ auth: { username: 'u', password: 'right' } })
    const wrong = `Basic ${Buffer.from('u:wrong').toString('base64')}`
    await using pm = new ProxyManager(proxy.url, {
      proxyHeaders: { 'Proxy-Authorization': wrong },
      tls: { ca: tlsBin.ca },
    })
    const tunnel = await pm.request('GET', `${tlsBin.url}/get`).catch((e) => e)
    expect(tunnel).toBeInstanceOf(ProxyError)
    expect(tunnel).not.toBeInstanceOf(MaxRetryError)
    expect(proxy.stats.connects).toBe(1)
    const forward = await pm.request('GET', `${bin.url}/get`).catch((e) => e)
    expect(forward).toBeInstanceOf(ProxyError)
    expect(proxy.stats.requests).toBe(1)
    expect(proxy.stats.denied).toBe(2)
  })
})
