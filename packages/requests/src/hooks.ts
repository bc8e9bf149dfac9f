/**
 * The types hooks and auth objects work with: `{ request: PreparedRequest; response: Response; session: Session }`.
 * models/prepared-request.ts, models/response.ts and session/session.ts add them by declaration merging, so that
 * hooks and {@link AuthBase} (which prepared requests and sessions use) do not import them back: no import circle
 * (issue 15).
 *
 * @example
 * ```ts
 * const log = (request: HookModels['request']) => console.log(request.method, request.url)
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from models/ and session/
export interface HookModels {}

/**
 * What a response hook (and `AuthBase.handleResponse`) can use to send a follow-up request.
 *
 * @example
 * ```ts
 * const hook: ResponseHook = async (r, ctx) => (r.statusCode === 401 ? ctx.send(r.request.copy()) : undefined)
 * ```
 */
export interface HookContext {
  /** Send `request` through the same adapter and send options, without hooks or redirects; cookies are kept. */
  send(request: HookModels['request']): Promise<HookModels['response']>
  /** The session that sent the response. */
  session: HookModels['session']
}

/**
 * Called with every response (each redirect hop too); return a `Response` to replace it.
 *
 * @example
 * ```ts
 * const log: ResponseHook = (r) => { console.log(r.statusCode, r.url) }
 * ```
 */
export type ResponseHook = (
  response: HookModels['response'],
  context: HookContext,
) => HookModels['response'] | undefined | Promise<HookModels['response'] | undefined>

/**
 * Called with every prepared request right before it is sent (each hop and retry); may return a replacement.
 *
 * @example
 * ```ts
 * const sign: RequestHook = (p) => { p.headers.set('X-Signature', sign(p)) }
 * ```
 */
export type RequestHook = (
  request: HookModels['request'],
) => HookModels['request'] | undefined | Promise<HookModels['request'] | undefined>

/**
 * Hooks as stored on a request: lists per event.
 *
 * @example
 * ```ts
 * prepared.hooks.response.push((r) => console.log(r.statusCode))
 * ```
 */
export interface Hooks {
  /** Called with each prepared request right before it is sent, in order. */
  request: RequestHook[]
  /**
   * Called with each response (each redirect hop too), in order.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#event-hooks
   */
  response: ResponseHook[]
}

/**
 * Hooks as accepted by the API: one function or a list per event.
 *
 * @example
 * ```ts
 * new Session({ hooks: { response: (r) => console.log(r.url), request: (p) => p.headers.set('X-Trace', '1') } })
 * ```
 */
export interface HooksInput {
  /** A hook or list of hooks called with each prepared request right before it is sent. */
  request?: RequestHook | readonly RequestHook[]
  /**
   * A hook or list of hooks called with each response, requests' `hooks={'response': ...}`.
   * @see https://requests.readthedocs.io/en/latest/user/advanced/#event-hooks
   */
  response?: ResponseHook | readonly ResponseHook[]
}

/** Empty hook lists (requests' `default_hooks`). */
export function defaultHooks(): Hooks {
  return { request: [], response: [] }
}

/** Normalise hooks input into lists. */
export function toHooks(input: HooksInput | null | undefined): Hooks {
  const h = defaultHooks()
  if (!input) return h
  if (input.request) h.request = typeof input.request === 'function' ? [input.request] : [...input.request]
  if (input.response)
    h.response = typeof input.response === 'function' ? [input.response] : [...input.response]
  return h
}

/**
 * Merge session and request hooks: session hooks run first, then the request's. (requests replaces the session's
 * list when the request brings one for the same event; appending is what people expect, see psf/requests#1302.)
 */
export function mergeHooks(request: Hooks, session: Hooks): Hooks {
  if (session.request.length === 0 && session.response.length === 0) return request
  if (request.request.length === 0 && request.response.length === 0) return session
  return {
    request: [...session.request, ...request.request],
    response: [...session.response, ...request.response],
  }
}

/** requests' `dispatch_hook` for responses: each hook gets the previous result; non-undefined replaces it. */
export async function dispatchResponseHooks(
  hooks: readonly ResponseHook[],
  response: HookModels['response'],
  context: HookContext,
): Promise<HookModels['response']> {
  let r = response
  for (const hook of hooks) {
    const out = await hook(r, context)
    if (out) r = out
  }
  return r
}

/** Run request hooks in order; a returned request replaces the current one. */
export async function dispatchRequestHooks(
  hooks: readonly RequestHook[],
  request: HookModels['request'],
): Promise<HookModels['request']> {
  let p = request
  for (const hook of hooks) {
    const out = await hook(p)
    if (out) p = out
  }
  return p
}
