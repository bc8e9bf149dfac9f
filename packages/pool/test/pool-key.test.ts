import { startHttpsHttpbin, startProxy, startHttpServer } from '@x/testserver'
import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { PoolManager, ProxyManager, type TlsOptions } from '../src/index.js'

const test = serverTest(() => startHttpsHttpbin())

/** TLS options whose CA bundle counts how often it is read (each read used to mean a SHA-256 over it). */
function countingTls(ca: string): { tls: TlsOptions; reads: () => number } {
  let reads = 0
  const tls: TlsOptions = {
    get ca() {
      reads++
      return ca
    },
  }
  return { tls, reads: () => reads }
}

describe('pool key cost (issue: hashing the TLS config on every request)', () => {
  test('per-request tls on an http: origin neither splits the pool nor reads the TLS options', async () => {
    await using http = await startHttpServer((_req, res) => res.end('ok'))
    await using pm = new PoolManager({ tls: { ca: 'y'.repeat(200_000) } })
    const { tls, reads } = countingTls('x'.repeat(200_000))
    for (let i = 0; i < 20; i++) {
      const resp = await pm.request('GET', `${http.url}/`, i % 2 === 0 ? { tls } : {})
      expect(resp.text()).toBe('ok')
    }
    expect(pm.size).toBe(1)
    expect(reads()).toBe(0)
  })

  test('https: the TLS part of the key is computed once per options object', async ({ server: https }) => {
    await using pm = new PoolManager()
    const { tls, reads } = countingTls(https.ca)
    for (let i = 0; i < 20; i++) {
      expect((await pm.request('GET', `${https.url}/get`, { tls })).status).toBe(200)
    }
    expect(reads()).toBe(1)
    // Another object with the same content pays once more and lands in the same pool.
    const again = countingTls(https.ca)
    expect((await pm.request('GET', `${https.url}/get`, { tls: again.tls })).status).toBe(200)
    expect(again.reads()).toBe(1)
    expect(pm.size).toBe(1)
    // Different content: another pool, so a socket opened with other settings is never reused.
    await pm.request('GET', `${https.url}/get`, { tls: { ca: https.ca, servername: 'localhost' } })
    expect(pm.size).toBe(2)
  })

  test('the TLS key is per connect timeout as well', async ({ server: https }) => {
    await using pm = new PoolManager()
    const tls: TlsOptions = { ca: https.ca }
    await pm.request('GET', `${https.url}/get`, { tls })
    await pm.request('GET', `${https.url}/get`, { tls, timeout: { connect: 1_234 } })
    expect(pm.size).toBe(2)
  })

  test('through a proxy, an http: target ignores per-request tls; the proxy settings still split pools', async () => {
    await using http = await startHttpServer((_req, res) => res.end('ok'))
    await using proxy = await startProxy()
    await using pm = new ProxyManager(proxy.url)
    const { tls, reads } = countingTls('x'.repeat(1000))
    expect((await pm.request('GET', `${http.url}/`, { tls })).text()).toBe('ok')
    expect((await pm.request('GET', `${http.url}/`)).text()).toBe('ok')
    expect(pm.size).toBe(1)
    expect(reads()).toBe(0)
    expect(proxy.stats.requests).toBe(2)
    await using other = new ProxyManager(proxy.url, { proxyHeaders: { 'X-Tag': 'b' } })
    expect(other.connectionFromUrl(http.url).key).not.toBe(pm.connectionFromUrl(http.url).key)
  })
})
