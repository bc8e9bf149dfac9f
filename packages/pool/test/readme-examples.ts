// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
import { base, clientCert, clientKey, handle, originCa, passphrase, pem, pm, proxyCa, url } from './readme-names.ts'
export { handled } from './readme-names.ts'
import diagnostics from 'node:diagnostics_channel'
import assert from 'node:assert/strict'
import { BoundedCache, HTTPHeaderDict, PoolManager, ProxyManager, Retry, Timeout, closeDefaultManager, encodeMultipartFormData, makeHeaders, parseUrl, request } from '@x/pool'
import { createReadStream } from 'node:fs'
import { MockAgent } from 'undici'

export async function example1(): Promise<void> {

  // any httpbin; `node tooling/testserver/src/cli.ts` prints the URL of a local one (CI sets HTTPBIN_URL)
  const httpbin = process.env.HTTPBIN_URL ?? 'http://127.0.0.1:8080'
  await using pm = new PoolManager({ retries: 3, timeout: { connect: 2_000, read: 10_000 } })
  const resp = await pm.request('GET', `${httpbin}/get`, { fields: { q: 'pools' } })
  console.log(resp.status) // 200
  console.log(resp.json()) // { args: { q: 'pools' }, headers: { ... }, ... }
}

export async function example2(): Promise<void> {
  const pm = new PoolManager({
    maxSize: 10, // connections kept per pool
    block: true, // true (default): wait for a free connection; false: extra ones under load, closed after use
    numPools: 10, // pools kept; the least recently used is closed beyond this
    headers: { 'User-Agent': 'my-app/1.0' }, // used when a request passes no headers
    retries: 3, // number | Retry | false
    timeout: { connect: 2_000, read: 10_000, total: 60_000 }, // number | Timeout | TimeoutOptions
    tls: { ca: pem }, // see TLS
    maxResponseSize: 50 * 1024 * 1024, // bytes, raw and decoded
    allowH2: false, // negotiate HTTP/2 over TLS
    // socketPath: '/run/app.sock', // a Unix domain socket instead of TCP
    resendStale: 'unsent', // or 'idempotent': see Retry
  })
  const resp = await pm.request('POST', `${base}/post`, { json: { a: 1 } }) // base: 'http://127.0.0.1:8080'
  pm.stats() // { 'http://127.0.0.1:8080': { connected, free, pending, running, queued, size } }
  const pool = pm.connectionFromUrl(base) // ConnectionPool: pool.request('GET', '/get')
  await pm.clear() // close every pool, keep the manager usable
  await pm.close() // or `await using pm = new PoolManager()`
}

export async function example3(): Promise<void> {
  const resp = await request('GET', `${base}/json`)
  await closeDefaultManager()
}

export async function example4(): Promise<void> {
  await pm.request('GET', `${base}/get`, { fields: { q: 'x' } }) // GET /get?q=x
  await pm.request('POST', `${base}/post`, { fields: { name: 'a', file: ['a.txt', 'hello', 'text/plain'] } })
  await pm.request('PUT', `${base}/put`, { body: createReadStream('big.bin') })
  await pm.request('GET', `${base}/delay/10`, { signal: AbortSignal.timeout(1_000) })
}

export async function example5(): Promise<void> {
  const resp = await pm.request('GET', `${base}/get`)
  resp.status // 200
  resp.reason // 'OK'
  resp.version // '1.1' | '2'
  resp.headers.get('content-type') // HTTPHeaderDict
  resp.data // Uint8Array (decoded)
  resp.text() // UTF-8 (or resp.text('latin1'))
  resp.json<{ url: string }>() // DecodeError on invalid JSON
  resp.url // final URL after redirects, without credentials
  resp.retries?.history // RequestHistory[]: retried attempts and redirects
  resp.getRedirectLocation() // Location for 301/302/303/307/308, else false

  const streamed = await pm.request('GET', `${base}/stream-bytes/1000000`, { preloadContent: false })
  for await (const chunk of streamed.stream(64 * 1024)) handle(chunk) // decoded, at most 64 KiB each
  // or: await streamed.read(100); await streamed.drainConn(); streamed.releaseConn(); streamed.close()
}

export async function example6(): Promise<void> {
  const h = new HTTPHeaderDict({ Accept: 'application/json' })
  h.add('Set-Cookie', 'a=1')
  h.add('set-cookie', 'b=2')
  h.get('SET-COOKIE') // 'a=1, b=2'
  h.getAll('set-cookie') // ['a=1', 'b=2']
  ;[...h] // [['Accept', 'application/json'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]
  h.toJSON() // { Accept: 'application/json', 'Set-Cookie': 'a=1, b=2' }
}

export async function example7(): Promise<void> {
  const retries = new Retry({
    total: 5, // null: no total limit; false: no retries at all (redirects returned as is)
    connect: 2,
    read: 2,
    redirect: 5,
    status: 3,
    other: 0,
    allowedMethods: ['GET', 'PUT'], // default: HEAD GET PUT DELETE OPTIONS TRACE; null: any method
    statusForcelist: [502, 503, 504],
    backoffFactor: 200, // ms: 0, 400, 800, 1600 ... (factor * 2 ** (n - 1), none before the 2nd retry)
    backoffMax: 10_000,
    backoffJitter: 100, // ms
    respectRetryAfterHeader: true, // seconds or HTTP date; 413/429/503 retried when present
    retryAfterMax: 21_600_000, // Retry-After capped at 6 h (urllib3 default), separately from backoffMax
    raiseOnRedirect: true,
    raiseOnStatus: true,
    removeHeadersOnRedirect: ['Authorization', 'Cookie', 'Proxy-Authorization'],
  })
  await pm.request('GET', url, { retries })
}

export async function example8(): Promise<void> {
  new Timeout({ connect: 2_000, read: 10_000, total: 30_000 })
  Timeout.from(5_000) // connect 5 000, read 5 000, no total
}

export async function example9(): Promise<void> {
  await using proxied = new ProxyManager('http://user:secret@127.0.0.1:3128', {
    proxyHeaders: { 'X-Proxy-Tag': 'a' }, // sent to the proxy
    proxyTls: { ca: proxyCa }, // for an https:// proxy
    tls: { ca: originCa }, // for https:// targets, through the tunnel
  })
  await proxied.request('GET', 'http://example.test/') // forwarded (absolute-form)
  await proxied.request('GET', 'https://example.test/') // CONNECT tunnel
  new ProxyManager('socks5://user:pw@127.0.0.1:1080') // undici's Socks5ProxyAgent
}

export async function example10(): Promise<void> {
  new PoolManager({
    tls: {
      ca: pem, // string | Buffer | array: trusted CAs (replace Node's bundle)
      cert: clientCert,
      key: clientKey,
      passphrase, // mutual TLS
      rejectUnauthorized: true, // default
      servername: 'api.internal', // SNI and name checked
      assertFingerprint: 'AB:CD:...', // SHA-256 pin, checked on each new socket before any byte is sent
    },
  })
}

export async function example11(): Promise<void> {

  encodeMultipartFormData({ name: 'a', file: ['a.csv', 'x,y\n', 'text/csv'] }) // { body, contentType }
  parseUrl('https://user:pw@example.test:8443/a?x=1#f') // Url { scheme, auth, host, port, path, query, fragment }
  makeHeaders({
    keepAlive: true,
    acceptEncoding: true,
    userAgent: 'x',
    basicAuth: 'u:p',
    proxyBasicAuth: 'u:p',
    disableCache: true,
  })

  const hosts = new BoundedCache<string, string>(512) // a positive integer, else a TypeError (ERR_INVALID_ARG_VALUE)
  function hostOf(url: string): string {
    const hit = hosts.get(url)
    if (hit !== undefined) return hit
    const host = new URL(url).host
    hosts.set(url, host) // empties the cache first when it holds 512 other keys
    return host
  }
  hostOf('https://example.test/a') // 'example.test'
}

export async function example12(): Promise<void> {
  diagnostics.subscribe('x:pool:request:end', (m) => console.log(m))
}

export async function example13(): Promise<void> {

  const mock = new MockAgent()
  mock.disableNetConnect() // an unmocked request fails instead of reaching the network
  const api = mock.get('http://api.test')
  api.intercept({ path: '/health', method: 'GET' }).reply(503, 'warming up')
  api.intercept({ path: '/health', method: 'GET' }).reply(200, { ok: true })

  await using pm = new PoolManager({ dispatcher: mock, retries: new Retry({ total: 2, statusForcelist: [503] }) })
  const resp = await pm.request('GET', 'http://api.test/health')
  assert.deepEqual(resp.json(), { ok: true }) // the 503 was retried by @x/pool
  mock.assertNoPendingInterceptors()
  await mock.close()
}
