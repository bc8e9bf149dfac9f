import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCertificates, startHttpsHttpbin } from '../src/index.ts'
import { get } from './helpers.ts'

describe('generateCertificates', () => {
  it('makes a CA, a server certificate for 127.0.0.1/localhost/::1 and a client certificate, both signed by it', async () => {
    const certs = await generateCertificates()
    const ca = new X509Certificate(certs.ca)
    const server = new X509Certificate(certs.cert)
    const client = new X509Certificate(certs.clientCert)
    expect(ca.ca).toBe(true)
    expect(server.ca).toBe(false)
    expect(server.verify(ca.publicKey)).toBe(true)
    expect(client.verify(ca.publicKey)).toBe(true)
    expect(server.checkIssued(ca)).toBe(true)
    expect(server.checkHost('localhost')).toBe('localhost')
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(server.checkIP('::1')).toBe('::1')
    expect(server.checkPrivateKey((await import('node:crypto')).createPrivateKey(certs.key))).toBe(true)
    expect(certs.fingerprint256).toBe(server.fingerprint256)
    expect(certs.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  })
})

describe('startHttpsHttpbin', () => {
  let server: Awaited<ReturnType<typeof startHttpsHttpbin>>
  beforeAll(async () => {
    server = await startHttpsHttpbin()
  })
  afterAll(() => server.close())

  it('serves httpbin over TLS to a client that trusts the CA, with an https url in the echo', async () => {
    const res = await get(`${server.url}/get?a=1`, { ca: server.ca })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body.toString())).toMatchObject({ args: { a: '1' }, url: `${server.url}/get?a=1` })
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`)
    expect(server.hits.get('/get')).toBeGreaterThanOrEqual(1)
  })

  it('is valid for the name localhost too', async () => {
    const res = await get(`https://localhost:${server.port}/get`, { ca: server.ca })
    expect(res.status).toBe(200)
  })

  it('is rejected by a client that does not trust the CA', async () => {
    await expect(get(`${server.url}/get`)).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' })
  })

  it('presents the certificate whose fingerprint it reports', async () => {
    const { connect } = await import('node:tls')
    const fingerprint = await new Promise<string>((resolve, reject) => {
      const socket = connect(
        { host: '127.0.0.1', port: server.port, ca: server.ca, servername: 'localhost' },
        () => {
          resolve(socket.getPeerCertificate().fingerprint256)
          socket.end()
        },
      )
      socket.on('error', reject)
    })
    expect(fingerprint).toBe(server.fingerprint256)
  })
})

describe('startHttpsHttpbin({ requestCert: true })', () => {
  let server: Awaited<ReturnType<typeof startHttpsHttpbin>>
  beforeAll(async () => {
    server = await startHttpsHttpbin({ requestCert: true })
  })
  afterAll(() => server.close())

  it('accepts a client presenting the client certificate', async () => {
    const res = await get(`${server.url}/get`, {
      ca: server.ca,
      cert: server.clientCert,
      key: server.clientKey,
    })
    expect(res.status).toBe(200)
  })

  it('fails the handshake for a client without a certificate', async () => {
    await expect(get(`${server.url}/get`, { ca: server.ca })).rejects.toThrow(
      /certificate required|socket hang up|ECONNRESET/i,
    )
  })
})
