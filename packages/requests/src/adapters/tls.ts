import { readFileSync } from 'node:fs'
import type { TlsOptions } from '@x/pool'
import { invalidArg } from '../util/options.js'

/**
 * A client certificate: a PEM file holding cert and key, or `[certFile, keyFile]` (requests' `cert`).
 *
 * @example
 * ```ts
 * new Session({ cert: ['client.pem', 'client.key'] })
 * ```
 */
export type CertInput = string | readonly [certFile: string, keyFile: string]

/**
 * `verify`: `true` (system CAs), `false` (no verification), or a CA bundle file path (requests' `verify`).
 *
 * @example
 * ```ts
 * new Session({ verify: '/etc/ssl/my-ca.pem' })
 * ```
 */
export type VerifyInput = boolean | string

const cache = new Map<string, TlsOptions>()
const keys = new WeakMap<TlsOptions, string>()

/** The cache key a TLS options object was built for (stable per verify/cert setting). */
export function tlsKey(tls: TlsOptions): string {
  return keys.get(tls) ?? ''
}

function read(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (cause) {
    const e = invalidArg(option, `could not be read: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`)
    throw Object.assign(e, { cause })
  }
}

/**
 * requests' `cert_verify`: TLS options for the pool, `undefined` for the defaults. Files are read once and the
 * resulting object is cached, so requests with the same settings share one pool.
 */
export function tlsOptions(
  verify: VerifyInput | undefined,
  cert: CertInput | undefined,
): TlsOptions | undefined {
  if ((verify === true || verify === undefined) && !cert) return undefined
  const key = `${String(verify)}\0${Array.isArray(cert) ? cert.join('\0') : (cert ?? '')}`
  let tls = cache.get(key)
  if (tls) return tls
  const t: TlsOptions = {}
  if (verify === false) t.rejectUnauthorized = false
  else if (typeof verify === 'string') t.ca = read(verify, 'options.verify')
  if (typeof cert === 'string') {
    const pem = read(cert, 'options.cert')
    t.cert = pem
    t.key = pem
  } else if (cert) {
    t.cert = read(cert[0], 'options.cert[0]')
    t.key = read(cert[1], 'options.cert[1]')
  }
  tls = t
  cache.set(key, tls)
  keys.set(tls, key)
  return tls
}
