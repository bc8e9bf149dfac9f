import { inspect } from 'node:util'
import { startHttpsHttpbin, startProxy, type Echo } from '@x/testserver'
import { disposed, httpbinTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { LocationParseError, ProxyError, ProxyManager } from '../src/index.js'
import { startSocks5 } from './socks5-server.js'

const test = httpbinTest.extend('tlsBin', { scope: 'file' }, disposed(startHttpsHttpbin))

describe('ProxyManager (HTTP proxy)', () => {
  test('http:// targets are forwarded in absolute form', async ({ httpbin: bin }) => {
    await using proxy = await startProxy()
    await using pm = new ProxyManager(proxy.url)
    const resp = await pm.request('GET', `${bin.url}/get?x=1`)
    expect(resp.status).toBe(200)
    expect(resp.json<Echo>().args).toEqual({ x: '1' })
    expect(proxy.stats.requests).toBe(1)
    expect(proxy.stats.seen[0]!.target).toBe(`${bin.url}/get?x=1`)
  })

  test('https:// targets go through a CONNECT tunnel with the target TLS settings', async ({ tlsBin }) => {
    await using proxy = await startProxy()
    await using pm = new ProxyManager(proxy.url, { tls: { ca: tlsBin.ca } })
    const resp = await pm.request('GET', `${tlsBin.url}/get`)
    expect(resp.status).toBe(200)
    expect(proxy.stats.connects).toBe(1)
    expect(proxy.stats.seen[0]!.method).toBe('CONNECT')
  })

  test('credentials in the proxy URL become Proxy-Authorization and never show up', async ({
    httpbin: bin,
    tlsBin,
  }) => {
    await using proxy = await startProxy({ auth: { username: 'user', password: 's3cr3t' } })
    const url = proxy.url.replace('http://', 'http://user:s3cr3t@')
    await using pm = new ProxyManager(url, { tls: { ca: tlsBin.ca } })
    expect((await pm.request('GET', `${bin.url}/get`)).status).toBe(200)
    expect((await pm.request('GET', `${tlsBin.url}/get`)).status).toBe(200)
    expect(proxy.stats.denied).toBe(0)
    expect(pm.proxyUrl).not.toContain('s3cr3t')
    expect(inspect(pm)).not.toContain('s3cr3t')
  })

  test('proxyHeaders are sent to the proxy', async ({ httpbin: bin }) => {
    await using proxy = await startProxy({ auth: { username: 'u', password: 'p' } })
    const auth = `Basic ${Buffer.from('u:p').toString('base64')}`
    await using pm = new ProxyManager(proxy.url, { proxyHeaders: { 'Proxy-Authorization': auth } })
    expect((await pm.request('GET', `${bin.url}/get`)).status).toBe(200)
    expect(proxy.stats.denied).toBe(0)
  })

  test('a refused CONNECT or forward is ProxyError', async ({ httpbin: bin, tlsBin }) => {
    await using proxy = await startProxy({ auth: { username: 'u', password: 'p' } })
    await using pm = new ProxyManager(proxy.url, { retries: false, tls: { ca: tlsBin.ca } })
    const error = await pm.request('GET', `${tlsBin.url}/get`).catch((e) => e)
    expect(error).toBeInstanceOf(ProxyError)
    expect(error.message).toContain('407')
    const forward = await pm.request('GET', `${bin.url}/get`).catch((e) => e)
    expect(forward).toBeInstanceOf(ProxyError)
    expect(forward.message).toContain('407')
  })

  test('an unreachable proxy is ProxyError or a connection error, wrapped by retries', async ({ tlsBin }) => {
    const proxy = await startProxy()
    const url = proxy.url
    await proxy.close()
    await using pm = new ProxyManager(url, { retries: false })
    const error = await pm.request('GET', `${tlsBin.url}/get`).catch((e) => e)
    expect(['ProxyError', 'NewConnectionError']).toContain(error.name)
  })

  test('invalid proxy URLs and options', () => {
    expect(() => new ProxyManager('ftp://127.0.0.1:1')).toThrow(LocationParseError)
    expect(() => new ProxyManager('not a url with user:pw@')).toThrow(LocationParseError)
    expect(
      () => new ProxyManager('http://127.0.0.1:1', { tls: { assertFingerprint: 'ab'.repeat(32) } }),
    ).toThrow('"options.tls.assertFingerprint" is not supported through a proxy')
    expect(() => new ProxyManager('http://127.0.0.1:1', { proxyHeader: {} } as never)).toThrow(
      '"options.proxyHeader" is not a known option',
    )
  })
})

describe('ProxyManager (SOCKS5 via undici Socks5ProxyAgent)', () => {
  test('plain and TLS targets through socks5://, with username/password', async ({
    httpbin: bin,
    tlsBin,
  }) => {
    await using socks = await startSocks5({ username: 'alice', password: 'pw' })
    await using pm = new ProxyManager(`socks5://alice:pw@127.0.0.1:${socks.port}`, {
      tls: { ca: tlsBin.ca },
    })
    expect((await pm.request('GET', `${bin.url}/get`)).status).toBe(200)
    expect((await pm.request('GET', `${tlsBin.url}/get`)).status).toBe(200)
    expect(socks.stats.connects).toBeGreaterThanOrEqual(2)
  })

  test('wrong SOCKS5 credentials are ProxyError', async ({ httpbin: bin }) => {
    await using socks = await startSocks5({ username: 'alice', password: 'pw' })
    await using pm = new ProxyManager(`socks5://alice:nope@127.0.0.1:${socks.port}`, { retries: false })
    const error = await pm.request('GET', `${bin.url}/get`).catch((e) => e)
    expect(error).toBeInstanceOf(ProxyError)
    expect(socks.stats.authFailures).toBe(1)
  })
})
