import * as s from './option-schema.js'
import type { TlsOptions } from './dispatcher-factory.js'
import { LocationParseError } from './errors/location-parse-error.js'
import { invalidArg, parseOptions } from './invalid-arg.js'
import { managerShape, type PoolManagerOptions, PoolManager } from './pool-manager.js'
import { str } from './schemas.js'
import { tlsSchema } from './tls-schema.js'
import { redactUrl } from './redact.js'
import { assertHeaderName, assertHeaderValue } from './validate.js'

/**
 * Options of {@link ProxyManager}: the manager's, plus headers and TLS settings for the proxy itself.
 *
 * @example
 * ```ts
 * new ProxyManager('https://proxy.internal:3129', { proxyTls: { ca: proxyCa }, tls: { ca: originCa } })
 * ```
 */
export interface ProxyManagerOptions extends PoolManagerOptions {
  /** Headers sent to the proxy (CONNECT requests or forwarded requests), e.g. `Proxy-Authorization`. */
  proxyHeaders?: Record<string, string> | undefined
  /** TLS settings for an `https://` proxy. */
  proxyTls?: TlsOptions | undefined
}

const schema = /* @__PURE__ */ s.lazy(() =>
  s.strictObject(
    {
      ...managerShape(),
      proxyHeaders: s.optional(
        s.record(s.string(), str(), { error: 'must be an object of header names to strings' }),
      ),
      proxyTls: s.optional(tlsSchema),
    } satisfies { [K in keyof ProxyManagerOptions]-?: s.Schema },
    { error: 'must be an object' },
  ),
)
const SCHEMES = new Set(['http:', 'https:', 'socks5:', 'socks5h:', 'socks:'])

/**
 * A `PoolManager` whose requests go through a proxy, like urllib3's `ProxyManager`: plain forwarding for
 * `http://` targets, a CONNECT tunnel for `https://` ones, SOCKS5 for `socks5://` proxies (undici's
 * `Socks5ProxyAgent`). Credentials in the proxy URL become `Proxy-Authorization: Basic` (or SOCKS5 auth).
 *
 * @example
 * ```ts
 * await using proxied = new ProxyManager('http://user:secret@127.0.0.1:3128')
 * const resp = await proxied.request('GET', 'http://example.test/get')
 * ```
 */
export class ProxyManager extends PoolManager {
  /** The proxy URL without credentials. */
  readonly proxyUrl: string

  constructor(proxyUrl: string, options: ProxyManagerOptions = {}) {
    const { proxyHeaders, proxyTls, ...rest } = parseOptions(schema, options)
    if (rest.tls?.assertFingerprint !== undefined) {
      throw invalidArg('options.tls.assertFingerprint', 'is not supported through a proxy')
    }
    super(rest as PoolManagerOptions)
    let url: URL
    try {
      url = new URL(proxyUrl)
    } catch (cause) {
      throw new LocationParseError(`Invalid proxy URL: ${redactUrl(String(proxyUrl))}`, { cause })
    }
    if (!SCHEMES.has(url.protocol)) {
      throw new LocationParseError(`Unsupported proxy scheme ${JSON.stringify(url.protocol.slice(0, -1))}`)
    }
    if (url.protocol === 'socks5h:' || url.protocol === 'socks:') url.protocol = 'socks5:'
    for (const [name, value] of Object.entries(proxyHeaders ?? {})) {
      assertHeaderName(name)
      assertHeaderValue(name, value)
    }
    const shown = new URL(url.href)
    shown.username = ''
    shown.password = ''
    this.proxyUrl = shown.href
    this.setProxy({ url: url.href, headers: proxyHeaders, tls: proxyTls as TlsOptions | undefined })
  }
}
