import { X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

/** PEM material for a local TLS setup: a CA, a server certificate and a client certificate it signed. */
export interface Certificates {
  /** CA certificate (PEM) to trust. */
  ca: string
  caKey: string
  /** Server certificate for 127.0.0.1, localhost and ::1, signed by `ca`. */
  cert: string
  key: string
  /** Client certificate for mTLS, signed by `ca`. */
  clientCert: string
  clientKey: string
  /** SHA-256 fingerprint of the server certificate, `'AB:CD:...'`. */
  fingerprint256: string
}

const DAY = 24 * 60 * 60 * 1000

function validity(): { notBeforeDate: Date; notAfterDate: Date } {
  const now = Date.now()
  return { notBeforeDate: new Date(now - DAY), notAfterDate: new Date(now + 30 * DAY) }
}

/**
 * Generates fresh EC P-256 certificates with `selfsigned`: a CA, a server certificate for
 * 127.0.0.1/localhost/::1 and a client certificate, both signed by the CA.
 *
 * @example
 * ```ts
 * const { ca, cert, key } = await generateCertificates()
 * https.createServer({ cert, key }, handler) // clients trust `ca`
 * ```
 */
export async function generateCertificates(): Promise<Certificates> {
  const common = { keyType: 'ec', algorithm: 'sha256', ...validity() } as const
  const ca = await generate([{ name: 'commonName', value: 'x testserver CA' }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  })
  const signer = { ca: { key: ca.private, cert: ca.cert } }
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...common,
    ...signer,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  })
  const client = await generate([{ name: 'commonName', value: 'x testserver client' }], {
    ...common,
    ...signer,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  })
  return {
    ca: ca.cert,
    caKey: ca.private,
    cert: server.cert,
    key: server.private,
    clientCert: client.cert,
    clientKey: client.private,
    fingerprint256: new X509Certificate(server.cert).fingerprint256,
  }
}
