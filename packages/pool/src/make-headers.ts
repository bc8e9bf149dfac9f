/**
 * Options of {@link makeHeaders}, urllib3's `make_headers` arguments in camelCase.
 *
 * @example
 * ```ts
 * makeHeaders({ acceptEncoding: ['gzip', 'br'], userAgent: 'my-app/1.0' })
 * ```
 */
export interface MakeHeadersOptions {
  /**
   * `true` adds `Connection: keep-alive`.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.make_headers
   */
  keepAlive?: boolean
  /** `true` for `gzip,deflate,br,zstd`, or a list / string of encodings. */
  acceptEncoding?: boolean | string | readonly string[]
  /** Value of the `User-Agent` header. */
  userAgent?: string
  /** `'user:password'` or `[user, password]`. */
  basicAuth?: string | readonly [string, string]
  /**
   * `Proxy-Authorization: Basic …` from `'user:password'` or `[user, password]`.
   * @see https://www.rfc-editor.org/rfc/rfc7617
   */
  proxyBasicAuth?: string | readonly [string, string]
  /** `true` adds `Cache-Control: no-cache`. */
  disableCache?: boolean
}

function basic(auth: string | readonly [string, string]): string {
  const raw = typeof auth === 'string' ? auth : `${auth[0]}:${auth[1]}`
  return `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`
}

/**
 * Builds common request headers, like urllib3's `make_headers`.
 *
 * @example
 * ```ts
 * const headers = makeHeaders({ keepAlive: true, acceptEncoding: true, basicAuth: 'user:pass' })
 * // { connection: 'keep-alive', 'accept-encoding': 'gzip,deflate,br,zstd', authorization: 'Basic dXNlcjpwYXNz' }
 * await pm.request('GET', url, { headers })
 * ```
 */
export function makeHeaders(options: MakeHeadersOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {}
  const { acceptEncoding } = options
  if (acceptEncoding) {
    headers['accept-encoding'] =
      acceptEncoding === true
        ? 'gzip,deflate,br,zstd'
        : typeof acceptEncoding === 'string'
          ? acceptEncoding
          : acceptEncoding.join(',')
  }
  if (options.userAgent !== undefined) headers['user-agent'] = options.userAgent
  if (options.keepAlive) headers.connection = 'keep-alive'
  if (options.basicAuth !== undefined) headers.authorization = basic(options.basicAuth)
  if (options.proxyBasicAuth !== undefined) headers['proxy-authorization'] = basic(options.proxyBasicAuth)
  if (options.disableCache) headers['cache-control'] = 'no-cache'
  return headers
}
