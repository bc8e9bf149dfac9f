/**
 * Options of {@link makeHeaders}, urllib3's `make_headers` arguments in camelCase.
 *
 * @example
 * ```ts
 * makeHeaders({ acceptEncoding: ['gzip', 'br'], userAgent: 'my-app/1.0' })
 * ```
 */
export interface MakeHeadersOptions {
  keepAlive?: boolean
  /** `true` for `gzip,deflate,br,zstd`, or a list / string of encodings. */
  acceptEncoding?: boolean | string | readonly string[]
  userAgent?: string
  /** `'user:password'` or `[user, password]`. */
  basicAuth?: string | readonly [string, string]
  proxyBasicAuth?: string | readonly [string, string]
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
