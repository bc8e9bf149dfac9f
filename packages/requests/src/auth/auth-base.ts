import type { HookContext, HookModels } from '../hooks.js'

/**
 * Base class of auth objects (requests' `AuthBase`). `apply` changes the prepared request (like `__call__`);
 * the optional `handleResponse` reacts to the response (a 401 challenge, a token refresh) and may return a
 * replacement, usually from `context.send(newRequest)`.
 *
 * @example
 * ```ts
 * class TokenAuth extends AuthBase {
 *   constructor(private readonly token: string) { super() }
 *   apply(r: PreparedRequest) {
 *     r.headers.set('Authorization', `Bearer ${this.token}`)
 *     return r
 *   }
 * }
 * await requests.get(url, { auth: new TokenAuth('t0k3n') })
 * ```
 */
export abstract class AuthBase {
  /** Change the prepared request (add a header, sign it...). May be async. */
  abstract apply(request: HookModels['request']): HookModels['request'] | Promise<HookModels['request']>
  /** Optional: react to the response; return a new `Response` to replace it, or `undefined` to keep it. */
  handleResponse?(
    response: HookModels['response'],
    context: HookContext,
  ): Promise<HookModels['response'] | undefined>
  /**
   * Optional, with `handleResponse`: whether this response needs it at all (e.g. only a 401). Answering `false`
   * skips `handleResponse` without an await on the hot path; without it every response is handed over.
   */
  needsResponse?(response: HookModels['response']): boolean
}

/**
 * Auth as accepted by the API: a `[user, password]` tuple, an {@link AuthBase}, or a function.
 *
 * @example
 * ```ts
 * const auth: AuthInput = ['user', 'pass']
 * ```
 */
export type AuthInput =
  | readonly [username: string, password: string]
  | AuthBase
  | ((request: HookModels['request']) => HookModels['request'] | Promise<HookModels['request']>)
