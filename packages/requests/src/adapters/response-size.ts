import { invalidArg } from '@x/pool'

/**
 * Default `maxResponseSize` for bodies read into memory (`stream` off): 64 MiB, raw and decoded. Larger bodies
 * (or a compression bomb) fail instead of filling memory; streamed responses are not limited by default. Pass
 * `maxResponseSize` (bytes) to change it, or `null` for `@x/pool`'s own default (1 GiB decoded, raw unlimited).
 *
 * @example
 * ```ts
 * new Session({ maxResponseSize: 4 * DEFAULT_MAX_RESPONSE_SIZE }) // 256 MiB
 * ```
 */
export const DEFAULT_MAX_RESPONSE_SIZE: number = 64 * 1024 * 1024

/** `maxResponseSize` as accepted by sessions, requests and adapters: bytes, `null` for no limit of ours. */
export type MaxResponseSizeInput = number | null

/** Cheap per-request check of a `maxResponseSize` value (the session checks its own with its option schema). */
export function checkMaxResponseSize(value: unknown, path: string): void {
  if (value === undefined || value === null) return
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw invalidArg(path, 'must be a positive integer (bytes) or null')
  }
}

/**
 * The limit handed to `@x/pool` for one request: the caller's, else {@link DEFAULT_MAX_RESPONSE_SIZE} for a
 * preloaded body; none for HEAD (its Content-Length describes a body that is never sent).
 */
export function responseLimit(
  method: string,
  value: MaxResponseSizeInput | undefined,
  stream: boolean,
): number | undefined {
  if (method === 'HEAD') return undefined
  if (value === undefined) return stream ? undefined : DEFAULT_MAX_RESPONSE_SIZE
  return value ?? undefined
}
