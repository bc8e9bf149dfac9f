import { once } from 'node:events'
import { createServer } from 'node:http'
import { createSecureServer } from 'node:http2'
import { mkdtempDisposable } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateCertificates } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { PoolManager } from '../src/index.js'

describe('HTTP/2 (allowH2)', () => {
  test('negotiates h2 over TLS when allowed, HTTP/1.1 otherwise', async () => {
    const certs = await generateCertificates()
    await using server = createSecureServer(
      { key: certs.key, cert: certs.cert, allowHTTP1: true },
      (req, res) => {
        res.setHeader('x-version', req.httpVersion)
        res.end(`hello over ${req.httpVersion}`)
      },
    )
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`
    await using h2 = new PoolManager({ allowH2: true, tls: { ca: certs.ca } })
    const resp = await h2.request('GET', url)
    expect(resp.version).toBe('2')
    expect(resp.text()).toBe('hello over 2.0')
    expect(resp.headers.get('x-version')).toBe('2.0')
    const many = await Promise.all(Array.from({ length: 20 }, () => h2.request('GET', url)))
    expect(many.every((r) => r.status === 200)).toBe(true)
    await using h1 = new PoolManager({ tls: { ca: certs.ca } })
    const old = await h1.request('GET', url)
    expect(old.version).toBe('1.1')
    expect(old.text()).toBe('hello over 1.1')
  }, 30_000)
})

describe('Unix domain sockets (socketPath)', () => {
  test.skipIf(process.platform === 'win32')(
    'requests go through the socket; the URL gives Host and path',
    async () => {
      await using dir = await mkdtempDisposable(join(tmpdir(), 'x-pool-'))
      const socketPath = join(dir.path, 'http.sock')
      await using server = createServer((req, res) => res.end(`${req.headers.host} ${req.url}`))
      server.listen(socketPath)
      await once(server, 'listening')
      await using pm = new PoolManager({ socketPath })
      const resp = await pm.request('GET', 'http://localhost/info?x=1')
      expect(resp.text()).toBe('localhost /info?x=1')
    },
  )
})
