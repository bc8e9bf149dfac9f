import { createHash, randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import type { HookContext } from '../hooks.js'
import type { PreparedRequest } from '../models/prepared-request.js'
import type { Response } from '../models/response.js'
import { AuthBase } from './auth-base.js'

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'MD5-SESS': 'md5',
  SHA: 'sha1',
  'SHA-256': 'sha256',
  'SHA-256-SESS': 'sha256',
  'SHA-512': 'sha512',
  'SHA-512-256': 'sha512-256',
  'SHA-512-256-SESS': 'sha512-256',
}

/** Parse `Digest realm="x", nonce="y", qop="auth,auth-int"` into lower-cased keys. */
export function parseDigestChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/gi
  const s = header.replace(/^\s*digest\s+/i, '')
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')
  }
  return out
}

/**
 * HTTP Digest authentication (requests' `HTTPDigestAuth`, RFC 7616): MD5, SHA-256, SHA-512-256 (and their
 * `-sess` variants), qop `auth`, nonce counting, and the challenge reused across requests so later requests
 * authenticate without a 401 round trip.
 *
 * @example
 * ```ts
 * const s = new Session({ auth: new HTTPDigestAuth('user', 'pass') })
 * const r = await s.get(`${url}/digest-auth/auth/user/pass/SHA-256`)
 * r.statusCode // 200 (after one 401 challenge)
 * ```
 */
export class HTTPDigestAuth extends AuthBase {
  /**
   * The user name.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.auth.HTTPDigestAuth
   * @see https://www.rfc-editor.org/rfc/rfc7616
   */
  readonly username: string
  /** The password (non-enumerable, shown as `[redacted]` by `util.inspect`). */
  declare readonly password: string
  #chal: Record<string, string> = {}
  #lastNonce = ''
  #nonceCount = 0

  constructor(username: string, password: string) {
    super()
    this.username = username
    Object.defineProperty(this, 'password', { value: password, enumerable: false })
  }

  /** requests' `build_digest_header`; `undefined` when the challenge is unusable (unknown algorithm or qop). */
  buildDigestHeader(method: string, url: string): string | undefined {
    const { realm = '', nonce = '', qop, opaque } = this.#chal
    const algorithm = (this.#chal.algorithm ?? 'MD5').toUpperCase()
    const hashName = HASHES[algorithm]
    if (!hashName) return undefined
    const H = (s: string): string => createHash(hashName).update(s, 'utf8').digest('hex')
    const u = new URL(url)
    const path = (u.pathname || '/') + u.search
    const A1 = `${this.username}:${realm}:${this.password}`
    const A2 = `${method}:${path}`
    let HA1 = H(A1)
    const HA2 = H(A2)
    if (nonce === this.#lastNonce) this.#nonceCount++
    else this.#nonceCount = 1
    const ncvalue = this.#nonceCount.toString(16).padStart(8, '0')
    const cnonce = createHash('sha1')
      .update(`${this.#nonceCount}${nonce}${Date.now()}`)
      .update(randomBytes(8))
      .digest('hex')
      .slice(0, 16)
    if (algorithm.endsWith('-SESS')) HA1 = H(`${HA1}:${nonce}:${cnonce}`)
    let respdig: string
    const qops = qop?.split(',').map((q) => q.trim())
    if (!qop) respdig = H(`${HA1}:${nonce}:${HA2}`)
    else if (qops?.includes('auth')) respdig = H(`${HA1}:${nonce}:${ncvalue}:${cnonce}:auth:${HA2}`)
    else return undefined // auth-int is not supported, as in requests
    this.#lastNonce = nonce
    let base = `username="${this.username}", realm="${realm}", nonce="${nonce}", uri="${path}", response="${respdig}"`
    if (opaque) base += `, opaque="${opaque}"`
    base += `, algorithm="${algorithm}"`
    if (qop) base += `, qop="auth", nc=${ncvalue}, cnonce="${cnonce}"`
    return `Digest ${base}`
  }

  apply(request: PreparedRequest): PreparedRequest {
    if (this.#lastNonce) {
      const header = this.buildDigestHeader(request.method, request.url)
      if (header) request.headers.set('Authorization', header)
    }
    return request
  }

  /** requests' `handle_401`: answer one Digest challenge per request, resending the body. */
  override async handleResponse(response: Response, context: HookContext): Promise<Response | undefined> {
    if (response.statusCode < 400 || response.statusCode >= 500) return undefined
    const challenge = response.headers.get('www-authenticate') ?? ''
    if (!/digest/i.test(challenge)) return undefined
    const request = response.request
    const chal = parseDigestChallenge(challenge.slice(challenge.search(/digest/i)))
    // Our own Digest answer to this very nonce was refused: the credentials are wrong, stop (no loop).
    if (request.headers.get('authorization')?.startsWith('Digest ') && chal.nonce === this.#lastNonce) {
      return undefined
    }
    this.#chal = chal
    const prep = request.copy()
    prep.rewindBody()
    response.close()
    if (response.cookies.size > 0) prep.cookieJar?.update(response.cookies)
    if (prep.cookieJar) prep.prepareCookies(prep.cookieJar)
    const header = this.buildDigestHeader(prep.method, prep.url)
    if (!header) return undefined
    prep.headers.set('Authorization', header)
    const next = await context.send(prep)
    next.history.unshift(...response.history, response)
    return next
  }

  /** `HTTPDigestAuth { username: '…', password: [redacted] }`. */
  [inspect.custom](): string {
    return `HTTPDigestAuth { username: ${inspect(this.username)}, password: [redacted] }`
  }
}
