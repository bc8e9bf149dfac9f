import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createSecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateCertificates } from '@x/testserver'
import { describe, expect, test } from 'vitest'
import { HTTPAdapter, Session } from '../src/index.js'

/** A fresh directory under the OS temp dir, removed with its contents at the end of the scope (`using`). */
function tempDir(): Disposable & { path: string } {
  const path = mkdtempSync(join(tmpdir(), 'x-requests-'))
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) }
}

describe('pool options through a Session (issue 11)', () => {
  test('allowH2 negotiates HTTP/2 over TLS; without it HTTP/1.1', async () => {
    const certs = await generateCertificates()
    using dir = tempDir()
    const ca = join(dir.path, 'ca.pem')
    writeFileSync(ca, certs.ca)
    await using server = createSecureServer(
      { key: certs.key, cert: certs.cert, allowHTTP1: true },
      (req, res) => res.end(req.httpVersion),
    )
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`
    await using h2 = new Session({ verify: ca, adapterOptions: { allowH2: true } })
    expect((await h2.get(url)).text).toBe('2.0')
    await using h1 = new Session({ verify: ca })
    expect((await h1.get(url)).text).toBe('1.1')
  }, 30_000)

  test.skipIf(process.platform === 'win32')('socketPath sends through a Unix domain socket', async () => {
    using dir = tempDir()
    const socketPath = join(dir.path, 'http.sock')
    await using server = createServer((req, res) => res.end(`${req.headers.host} ${req.url}`))
    server.listen(socketPath)
    await once(server, 'listening')
    await using s = new Session({ adapterOptions: { socketPath } })
    expect((await s.get('http://api.local/v1/items?x=1')).text).toBe('api.local /v1/items?x=1')
    await using mounted = new Session()
    mounted.mount('http://api.local/', new HTTPAdapter({ socketPath }))
    expect((await mounted.get('http://api.local/a')).text).toBe('api.local /a')
  })

  test('bad pool options are TypeErrors naming the option, at construction', () => {
    expect(() => new HTTPAdapter({ socketPath: '' })).toThrow(/"options.socketPath" must be a non-empty path/)
    expect(() => new HTTPAdapter({ allowH2: 1 as never })).toThrow(/"options.allowH2" must be a boolean/)
    expect(() => new Session({ adapterOptions: { poolMaxsize: 0 } })).toThrow(
      /"options.adapterOptions.poolMaxsize"/,
    )
    expect(() => new Session({ adapterOptions: { poolblock: true } as never })).toThrow(
      /"options.adapterOptions.poolblock" is not a known option/,
    )
  })
})
