import type { EncryptionKey } from './codec.js'
import { TokenCodec } from './codec.js'
import type { TokenStore } from '@x/oauth2'
import type { RedisClientLike } from './redis-client.js'

/** What the store does when Redis does not answer (see the README, "When Redis is unreachable"). */
export type UnavailablePolicy = 'fail' | 'memory'

/**
 * Options of {@link RedisTokenStore}. Durations are in milliseconds.
 *
 * @example
 * ```ts
 * const options: RedisTokenStoreOptions = { client, leaseTtl: 15_000, whenUnavailable: 'memory' }
 * ```
 */
export interface RedisTokenStoreOptions {
  /** A node-redis client or cluster the application created (and connects, and closes). */
  readonly client: RedisClientLike
  /** Prefix of every key name; default `'x-oauth2'`. */
  readonly prefix?: string | undefined
  /**
   * How long after a holder dies (its last lease extension) another process may take over; default 15 000. A live
   * holder extends its lease every `leaseTtl / 3` while it renews.
   */
  readonly leaseTtl?: number | undefined
  /** How long `renew` waits, in total, for other holders before a `TokenStoreTimeoutError`; default 60 000. */
  readonly waitTimeout?: number | undefined
  /** A waiter re-checks the lease at least this often even without a notification; default 1 000. */
  readonly pollInterval?: number | undefined
  /** Longest wait for one Redis command before Redis counts as unreachable; default 2 000. */
  readonly commandTimeout?: number | undefined
  /** How often a token that could not be written is written again; default 1 000. */
  readonly retryInterval?: number | undefined
  /** AES-256-GCM keys; the first encrypts, all decrypt. Without keys tokens are stored as JSON. */
  readonly encryptionKeys?: readonly EncryptionKey[] | undefined
  /** `'memory'` (default): fall back to an in-process store; `'fail'`: reject with TokenStoreUnavailableError. */
  readonly whenUnavailable?: UnavailablePolicy | undefined
  /** The in-process store used by `'memory'`; default a new `MemoryTokenStore` from `@x/oauth2`. */
  readonly fallback?: TokenStore | undefined
}

const registry: { [K in keyof RedisTokenStoreOptions]-?: true } = {
  client: true,
  prefix: true,
  leaseTtl: true,
  waitTimeout: true,
  pollInterval: true,
  commandTimeout: true,
  retryInterval: true,
  encryptionKeys: true,
  whenUnavailable: true,
  fallback: true,
}

export interface ResolvedOptions {
  readonly client: RedisClientLike
  readonly prefix: string
  readonly leaseTtl: number
  readonly waitTimeout: number
  readonly pollInterval: number
  readonly commandTimeout: number
  readonly retryInterval: number
  readonly codec: TokenCodec
  readonly whenUnavailable: UnavailablePolicy
  readonly fallback: TokenStore | undefined
}

function invalid(path: string, rule: string): TypeError {
  const error = new TypeError(`"options.${path}" ${rule}`)
  Object.assign(error, { code: 'ERR_INVALID_ARG_VALUE' })
  return error
}

function duration(
  options: RedisTokenStoreOptions,
  name: keyof RedisTokenStoreOptions,
  fallback: number,
): number {
  const value = options[name]
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(name, 'must be a positive number of milliseconds')
  }
  return value
}

function decodeKey(entry: EncryptionKey, index: number): Buffer {
  const raw = typeof entry.key === 'string' ? Buffer.from(entry.key, 'base64') : Buffer.from(entry.key)
  if (raw.length !== 32) {
    throw invalid(`encryptionKeys[${index}].key`, 'must be 32 bytes (or their base64), an AES-256 key')
  }
  return raw
}

/** Validates the options once, at construction (unknown keys are an error). */
export function resolveOptions(options: RedisTokenStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('', 'must be an object')
  for (const name of Object.keys(options)) {
    if (!(name in registry)) throw invalid(name, 'is not an option of RedisTokenStore')
  }
  const client = options.client
  if (typeof client !== 'object' || client === null || typeof client.set !== 'function') {
    throw invalid('client', 'must be a node-redis client or cluster (createClient() / createCluster())')
  }
  const prefix = options.prefix ?? 'x-oauth2'
  if (typeof prefix !== 'string' || prefix === '' || /[{}]/.test(prefix)) {
    throw invalid('prefix', 'must be a non-empty string without { or }')
  }
  const keys = new Map<string, Buffer>()
  const list = options.encryptionKeys ?? []
  if (!Array.isArray(list)) throw invalid('encryptionKeys', 'must be an array of { id, key }')
  list.forEach((entry: EncryptionKey, index: number) => {
    if (typeof entry?.id !== 'string' || !/^[\w-]{1,64}$/.test(entry.id)) {
      throw invalid(`encryptionKeys[${index}].id`, 'must be 1 to 64 letters, digits, _ or -')
    }
    if (keys.has(entry.id)) throw invalid(`encryptionKeys[${index}].id`, `repeats "${entry.id}"`)
    keys.set(entry.id, decodeKey(entry, index))
  })
  const whenUnavailable = options.whenUnavailable ?? 'memory'
  if (whenUnavailable !== 'fail' && whenUnavailable !== 'memory') {
    throw invalid('whenUnavailable', 'must be "fail" or "memory"')
  }
  const fallback = options.fallback
  if (fallback !== undefined && (typeof fallback !== 'object' || typeof fallback.renew !== 'function')) {
    throw invalid('fallback', 'must be a TokenStore')
  }
  return {
    client,
    prefix,
    leaseTtl: duration(options, 'leaseTtl', 15_000),
    waitTimeout: duration(options, 'waitTimeout', 60_000),
    pollInterval: duration(options, 'pollInterval', 1_000),
    commandTimeout: duration(options, 'commandTimeout', 2_000),
    retryInterval: duration(options, 'retryInterval', 1_000),
    codec: new TokenCodec(keys, list[0]?.id),
    whenUnavailable,
    fallback,
  }
}
