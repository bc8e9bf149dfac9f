import { startHttpsHttpbin } from '@x/testserver'
import { disposed } from '@x/testserver/vitest'
import { test as base, describe, expect } from 'vitest'
import { PoolManager, SSLError } from '../src/index.js'

const test = base.extend('server', { scope: 'file' }, disposed(startHttpsHttpbin)).extend(
  'mtls',
  { scope: 'file' },
  disposed(() => startHttpsHttpbin({ requestCert: true })),
)

describe('TLS', () => {
  test('an untrusted certificate is SSLError', async ({ server }) => {
    await using pm = new PoolManager({ retries: false })
    const error = await pm.request('GET', `${server.url}/get`).catch((e) => e)
    expect(error).toBeInstanceOf(SSLError)
    expect(error.code).toBe('ERR_POOL_SSL')
    expect(error.cause).toBeInstanceOf(Error)
  })

  test('ca makes it trusted', async ({ server }) => {
    await using pm = new PoolManager({ tls: { ca: server.ca } })
    const resp = await pm.request('GET', `${server.url}/get`)
    expect(resp.status).toBe(200)
  })

  test('rejectUnauthorized: false skips verification, in its own pool only', async ({ server }) => {
    await using pm = new PoolManager({ retries: false })
    const insecure = await pm.request('GET', `${server.url}/get`, { tls: { rejectUnauthorized: false } })
    expect(insecure.status).toBe(200)
    // the unverified socket must not be reused for a verified request
    await expect(pm.request('GET', `${server.url}/get`)).rejects.toBeInstanceOf(SSLError)
    expect(Object.keys(pm.stats())).toEqual([server.url])
  })

  test('servername is checked against the certificate', async ({ server }) => {
    await using pm = new PoolManager({ retries: false, tls: { ca: server.ca } })
    expect((await pm.request('GET', `${server.url}/get`, { tls: { servername: 'localhost' } })).status).toBe(
      200,
    )
    const error = await pm
      .request('GET', `${server.url}/get`, { tls: { servername: 'wrong.example' } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(SSLError)
  })

  test('assertFingerprint accepts the pinned certificate (colon or plain hex)', async ({ server }) => {
    await using pm = new PoolManager({ tls: { ca: server.ca, assertFingerprint: server.fingerprint256 } })
    expect((await pm.request('GET', `${server.url}/get`)).status).toBe(200)
    const plain = server.fingerprint256.replace(/:/g, '').toLowerCase()
    const resp = await pm.request('GET', `${server.url}/get`, {
      tls: { rejectUnauthorized: false, assertFingerprint: plain },
    })
    expect(resp.status).toBe(200)
  })

  test('assertFingerprint rejects any other certificate before a request is sent', async ({ server }) => {
    const before = server.hits.get('/get') ?? 0
    await using pm = new PoolManager({ retries: false })
    const wrong = 'AB:'.repeat(31) + 'AB'
    const error = await pm
      .request('GET', `${server.url}/get`, { tls: { rejectUnauthorized: false, assertFingerprint: wrong } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(SSLError)
    expect(error.message).toMatch(/Fingerprints did not match/)
    expect(server.hits.get('/get') ?? 0).toBe(before)
  })

  test('mutual TLS: a client certificate is presented when configured', async ({ mtls }) => {
    await using pm = new PoolManager({ retries: false, tls: { ca: mtls.ca } })
    await expect(pm.request('GET', `${mtls.url}/get`)).rejects.toThrow()
    const resp = await pm.request('GET', `${mtls.url}/get`, {
      tls: { cert: mtls.clientCert, key: mtls.clientKey },
    })
    expect(resp.status).toBe(200)
  })

  test('TLS options are validated at construction', () => {
    expect(() => new PoolManager({ tls: { assertFingerprint: 'nope' } })).toThrow(
      `"options.tls.assertFingerprint" must be a SHA-256 fingerprint`,
    )
    expect(() => new PoolManager({ tls: { verify: false } as never })).toThrow(
      '"options.tls.verify" is not a known option',
    )
  })
})
