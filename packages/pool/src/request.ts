import { PoolManager } from './pool-manager.js'
import type { PoolRequestOptions } from './request-options.js'
import type { HTTPResponse } from './response.js'

let manager: PoolManager | undefined

/**
 * Sends a request with a module-level `PoolManager` created on first use, like `urllib3.request()`.
 *
 * @example
 * ```ts
 * import { request } from '@x/pool'
 * const resp = await request('GET', 'http://127.0.0.1:8080/json')
 * resp.json()
 * ```
 */
export function request(method: string, url: string, options?: PoolRequestOptions): Promise<HTTPResponse> {
  manager ??= new PoolManager()
  return manager.request(method, url, options)
}

/**
 * Closes the module-level manager used by {@link request} (a new one is created on the next call).
 *
 * @example
 * ```ts
 * await closeDefaultManager()
 * ```
 */
export async function closeDefaultManager(): Promise<void> {
  const current = manager
  manager = undefined
  await current?.close()
}
