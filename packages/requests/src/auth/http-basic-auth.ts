import { inspect } from 'node:util'
import { AuthBase } from './auth-base.js'

// The prepared request is named through AuthBase (`Parameters<AuthBase['apply']>[0]`): importing
// models/prepared-request.ts here would make an import circle, as it imports this module to build Basic auth.

/** `Basic base64(user:password)`, UTF-8 encoded (RFC 7617; requests uses latin-1 for str). */
export function basicAuthString(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

/**
 * HTTP Basic authentication (requests' `HTTPBasicAuth`); a `[user, password]` tuple means the same.
 *
 * @example
 * ```ts
 * await requests.get(`${url}/basic-auth/user/pass`, { auth: new HTTPBasicAuth('user', 'pass') })
 * ```
 */
export class HTTPBasicAuth extends AuthBase {
  /**
   * The user name.
   * @see https://requests.readthedocs.io/en/latest/api/#requests.auth.HTTPBasicAuth
   */
  readonly username: string
  /** The password (non-enumerable, shown as `[redacted]` by `util.inspect`). */
  declare readonly password: string

  constructor(username: string, password: string) {
    super()
    this.username = username
    Object.defineProperty(this, 'password', { value: password, enumerable: false })
  }

  apply(request: Parameters<AuthBase['apply']>[0]): Parameters<AuthBase['apply']>[0] {
    request.headers.set('Authorization', basicAuthString(this.username, this.password))
    return request
  }

  /** Equal when username and password are equal (requests' `__eq__`). */
  equals(other: unknown): boolean {
    return (
      other instanceof HTTPBasicAuth && other.username === this.username && other.password === this.password
    )
  }

  /** `HTTPBasicAuth { username: '…', password: [redacted] }`. */
  [inspect.custom](): string {
    return `${this.constructor.name} { username: ${inspect(this.username)}, password: [redacted] }`
  }
}

/**
 * Sends Basic credentials to the proxy in `Proxy-Authorization` (requests' `HTTPProxyAuth`). The adapter hands
 * the header to the proxy only (also for CONNECT tunnels), never to the origin server.
 *
 * @example
 * ```ts
 * await requests.get(url, { proxies: { http: proxyUrl }, auth: new HTTPProxyAuth('user', 'pass') })
 * ```
 */
export class HTTPProxyAuth extends HTTPBasicAuth {
  override apply(request: Parameters<AuthBase['apply']>[0]): Parameters<AuthBase['apply']>[0] {
    request.headers.set('Proxy-Authorization', basicAuthString(this.username, this.password))
    return request
  }
}
