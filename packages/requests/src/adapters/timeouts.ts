import { BoundedCache, invalidArg, TimeoutConfig as PoolTimeout } from '@x/pool'

/**
 * `{ connect, read }` in milliseconds, plus `total`: a deadline for the whole call (redirects and body included).
 *
 * @example
 * ```ts
 * await s.get(url, { timeout: { connect: 2_000, read: 10_000, total: 30_000 } })
 * ```
 */
export interface TimeoutSpec {
  /**
   * Time allowed to open each connection, in ms.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#timeouts
   */
  connect?: number
  /**
   * Silence allowed while waiting for the response head and between body chunks, in ms.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#timeouts
   */
  read?: number
  /** Deadline for the whole call, redirects and body included, in ms; the call then fails with `Timeout`. */
  total?: number
}

/**
 * A timeout in **milliseconds**: one number for connect and read, `[connect, read]` as in requests, or an object
 * with `total`. `null` disables timeouts (requests' `None`).
 *
 * @example
 * ```ts
 * await s.get(url, { timeout: [2_000, 10_000] }) // connect 2 s, read 10 s
 * ```
 */
export type TimeoutInput = number | readonly [connect: number, read: number] | TimeoutSpec | null

/**
 * The default timeout: 10 s to connect, 30 s of silence while reading. requests has none (its most reported
 * complaint: a hung server hangs the caller forever); pass `timeout: null` for that behaviour.
 *
 * @example
 * ```ts
 * import { DEFAULT_TIMEOUT } from '@x/requests'
 * DEFAULT_TIMEOUT // { connect: 10_000, read: 30_000 }
 * ```
 */
export const DEFAULT_TIMEOUT: Readonly<TimeoutSpec> = Object.freeze({ connect: 10_000, read: 30_000 })

/** Longest delay a Node timer supports (~24.8 days): what "no timeout" means for the pool. */
const NEVER = 2_147_483_647
const DEFAULT_SPEC = Object.freeze({ connect: DEFAULT_TIMEOUT.connect!, read: DEFAULT_TIMEOUT.read! })
const NO_TIMEOUT = Object.freeze({ connect: NEVER, read: NEVER })

function ms(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw invalidArg(path, 'must be a positive number of milliseconds')
  }
  return value
}

/** Normalise and validate a timeout input into `{ connect, read, total? }`. */
export function toTimeoutSpec(
  input: TimeoutInput | undefined,
  path = 'options.timeout',
): Required<Omit<TimeoutSpec, 'total'>> & { total?: number } {
  if (input === undefined) return DEFAULT_SPEC
  if (input === null) return NO_TIMEOUT
  if (typeof input === 'number') return { connect: ms(input, path), read: ms(input, path) }
  if (Array.isArray(input)) {
    if (input.length !== 2)
      throw invalidArg(path, 'must be a number, [connect, read] or { connect, read, total }')
    return { connect: ms(input[0], `${path}[0]`), read: ms(input[1], `${path}[1]`) }
  }
  const o = input as TimeoutSpec
  for (const k of Object.keys(o))
    if (k !== 'connect' && k !== 'read' && k !== 'total')
      throw invalidArg(`${path}.${k}`, 'is not a known option')
  const out: { connect: number; read: number; total?: number } = {
    connect: o.connect === undefined ? DEFAULT_TIMEOUT.connect! : ms(o.connect, `${path}.connect`),
    read: o.read === undefined ? DEFAULT_TIMEOUT.read! : ms(o.read, `${path}.read`),
  }
  if (o.total !== undefined) out.total = ms(o.total, `${path}.total`)
  return out
}

/** One pool `Timeout` per (connect, read): at most 256, so that computed timeouts cannot grow it without end. */
const cache = new BoundedCache<string, PoolTimeout>(256)

/** A cached `@x/pool` Timeout for connect/read (the pool validates on construction: keep that off the hot path). */
export function poolTimeout(connect: number, read: number): PoolTimeout {
  // Nearly every request asks for the same pair: skip building the key for it.
  if (last !== undefined && connect === last.connect && read === last.read) return last.timeout
  const timeout = cachedTimeout(connect, read)
  last = { connect, read, timeout }
  return timeout
}

let last: { connect: number; read: number; timeout: PoolTimeout } | undefined

function cachedTimeout(connect: number, read: number): PoolTimeout {
  const key = `${connect}:${read}`
  let t = cache.get(key)
  if (!t) {
    t = new PoolTimeout({ connect, read })
    cache.set(key, t)
  }
  return t
}
