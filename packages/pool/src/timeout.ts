import * as s from './option-schema.js'
import { invalidArg, parseOptions } from './invalid-arg.js'
import { positiveNumber } from './schemas.js'

/**
 * Timeouts in **milliseconds**. Omitted fields use the defaults documented on {@link TimeoutConfig}.
 *
 * @example
 * ```ts
 * await pm.request('GET', url, { timeout: { connect: 1_000, read: 5_000, total: 20_000 } })
 * ```
 */
export interface TimeoutOptions {
  /** Opening the connection, TCP and TLS included. Default 10 000 ms. */
  connect?: number | undefined
  /** Silence allowed while waiting for the response head and between body chunks. Default 300 000 ms. */
  read?: number | undefined
  /** Deadline for the whole request, body included. Default: none. */
  total?: number | undefined
}

export const timeoutOptionsSchema = /* @__PURE__ */ s.lazy(() =>
  s.strictObject(
    {
      connect: s.optional(positiveNumber()),
      read: s.optional(positiveNumber()),
      total: s.optional(positiveNumber()),
    } satisfies { [K in keyof TimeoutOptions]-?: s.Schema },
    { error: 'must be a positive number, a TimeoutConfig or { connect, read, total }' },
  ),
)

const kTimeout = Symbol.for('@x/pool.Timeout')

/** Default connect timeout (ms), undici's. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000
/** Default read timeout (ms), undici's. */
export const DEFAULT_READ_TIMEOUT = 300_000

/**
 * Connect, read and total timeouts, like urllib3's `Timeout`, but in milliseconds. A plain number `n` means
 * `{ connect: n, read: n }` (urllib3's float timeout).
 *
 * @example
 * ```ts
 * const pm = new PoolManager({ timeout: new TimeoutConfig({ connect: 2_000, read: 5_000, total: 30_000 }) })
 * await pm.request('GET', url, { timeout: 1_000 }) // per request: connect and read 1 s
 * ```
 */
export class TimeoutConfig {
  /**
   * Time allowed to open the connection, TCP and TLS included, in ms. Default 10 000 (undici's).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Timeout
   */
  readonly connect: number
  /**
   * Silence allowed while waiting for the response head and between body chunks, in ms. Default 300 000
   * (undici's).
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Timeout
   */
  readonly read: number
  /**
   * Deadline for the whole request, body included, in ms; `undefined` (the default) for none.
   * @see https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Timeout
   */
  readonly total: number | undefined

  /** `instanceof` that holds across two installed copies of `@x/pool` (a `Symbol.for` brand). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && kTimeout in value
  }

  constructor(options: TimeoutOptions = {}) {
    parseOptions(timeoutOptionsSchema, options)
    const parsed = options
    this.connect = parsed.connect ?? DEFAULT_CONNECT_TIMEOUT
    this.read = parsed.read ?? DEFAULT_READ_TIMEOUT
    this.total = parsed.total
    Object.defineProperty(this, kTimeout, { value: true })
  }

  /** Normalises `number | TimeoutConfig | TimeoutOptions | undefined` (undefined gives `fallback` or the defaults). */
  static from(
    value: number | TimeoutConfig | TimeoutOptions | undefined,
    fallback?: TimeoutConfig,
  ): TimeoutConfig {
    if (value === undefined) {
      if (fallback !== undefined) return fallback
      if (defaultTimeout === undefined) defaultTimeout = new TimeoutConfig()
      return defaultTimeout
    }
    if (value instanceof TimeoutConfig) return value
    if (typeof value === 'number') {
      if (!(value > 0) || !Number.isFinite(value))
        throw invalidArg('options.timeout', 'must be a positive number')
      return new TimeoutConfig({ connect: value, read: value })
    }
    return new TimeoutConfig(value)
  }

  /** The time left (ms) before `total` expires, given the start time from `performance.now()`. */
  remaining(start: number): number | undefined {
    return this.total === undefined ? undefined : this.total - (performance.now() - start)
  }

  /** urllib3's repr, in ms: `Timeout(connect=…, read=…, total=…)`. */
  toString(): string {
    return `Timeout(connect=${this.connect}, read=${this.read}, total=${this.total ?? 'none'})`
  }
}

/** The defaults, built on first use (nothing is validated at import). */
let defaultTimeout: TimeoutConfig | undefined

/**
 * @deprecated Renamed {@link TimeoutConfig}: `Timeout` is also `@x/requests`' timeout error, and an auto-imported
 * wrong one made `error instanceof Timeout` compile and always be false. Kept as an alias for one minor version.
 */
export const Timeout = TimeoutConfig
/** @deprecated Renamed {@link TimeoutConfig}. */
export type Timeout = TimeoutConfig
