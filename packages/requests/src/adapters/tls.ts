import { invalidArg, type TlsOptions } from '@x/pool'
import { readFileFresh } from '../util/file-cache.js'

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

/** The cache key a TLS options object was built for (stable per verify/cert setting and file contents). */
export function tlsKey(tls: TlsOptions): string {
  return keys.get(tls) ?? ''
}

function read(path: string, option: string): { text: string; signature: string } {
  try {
    return readFileFresh(path)
  } catch (cause) {
    const e = invalidArg(option, `could not be read: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`)
    throw Object.assign(e, { cause })
  }
}

/**
 * requests' `cert_verify`: TLS options for the pool, `undefined` for the defaults. The options object is cached
 * per setting and file version, so requests with the same settings share one pool, and a CA bundle or client
 * certificate replaced on disk (rotated) is read again (files are re-checked at most once a second).
 */
export function tlsOptions(
  verify: VerifyInput | undefined,
  cert: CertInput | undefined,
): TlsOptions | undefined {
  if ((verify === true || verify === undefined) && !cert) return undefined
  const ca = typeof verify === 'string' ? read(verify, 'options.verify') : undefined
  const pair =
    typeof cert === 'string'
      ? [read(cert, 'options.cert')]
      : cert
        ? [read(cert[0], 'options.cert[0]'), read(cert[1], 'options.cert[1]')]
        : []
  const setting = `${String(verify)}\0${Array.isArray(cert) ? cert.join('\0') : (cert ?? '')}`
  const key = `${setting}\0${[ca, ...pair].map((f) => f?.signature ?? '').join('\0')}`
  // One entry per setting: the options built from the files' current versions.
  let tls = cache.get(setting)
  if (tls && keys.get(tls) === key) return tls
  const t: TlsOptions = {}
  if (verify === false) t.rejectUnauthorized = false
  else if (ca) t.ca = ca.text
  if (pair.length === 1) {
    t.cert = pair[0]!.text
    t.key = pair[0]!.text
  } else if (pair.length === 2) {
    t.cert = pair[0]!.text
    t.key = pair[1]!.text
  }
  tls = t
  cache.set(setting, tls)
  keys.set(tls, key)
  return tls
}
