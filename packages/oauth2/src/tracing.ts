import diagnostics from 'node:diagnostics_channel'
import { debuglog } from 'node:util'
import type { Response } from '@x/requests'
import { redactUrl } from '@x/pool'
import type { OAuth2Token } from './token.js'

/**
 * Context of the `x:oauth2:request` tracing channel: one `OAuth2Session.request()` (`get`, `post`, ...), the
 * token renewal it waits for included. `url` is redacted (query values hidden).
 *
 * @example
 * ```ts
 * tracingChannels.request.subscribe({ asyncEnd: (ctx) => console.log((ctx as OAuth2RequestContext).renewal) })
 * ```
 */
export interface OAuth2RequestContext {
  /** Unique in the process. */
  id: number
  /** The request method. */
  method: string
  /** The requested URL, redacted (query values hidden). */
  url: string
  /** Whether the request waited for a token renewal (or a first, lazily fetched token). */
  renewal: boolean
  /** Set on `asyncEnd`: the response. */
  result?: Response
  /** Set on `error`: why the request failed. */
  error?: unknown
}

/**
 * Context of the `x:oauth2:token` tracing channel: one request to the token endpoint. `endpoint` is redacted;
 * no token, code or secret is ever in a context.
 *
 * @example
 * ```ts
 * tracingChannels.token.subscribe({ asyncEnd: (ctx) => console.log((ctx as OAuth2TokenContext).waiters) })
 * ```
 */
export interface OAuth2TokenContext {
  /** Unique in the process (its own sequence). */
  id: number
  /** The grant: `client_credentials`, `refresh_token`, `authorization_code`, ... */
  grant: string
  /** The token endpoint URL, redacted. */
  endpoint: string
  /** Made by the session itself, to renew its token (or get its first one lazily), rather than by fetchToken(). */
  renewal: boolean
  /** Callers that shared this token request (single flight), counted when it settles; 1 when nobody joined. */
  waiters: number
  /** Set on `asyncEnd`: the token's type and lifetime, never the token itself. */
  result?: {
    /** The token type (`Bearer`, `DPoP`). */
    token_type: string | undefined
    /** The token's lifetime, in seconds. */
    expires_in: number | undefined
  }
  /** Set on `error`: why the token request failed. */
  error?: unknown
}

/**
 * `node:diagnostics_channel` `TracingChannel`s of `@x/oauth2` (`start`, `end`, `asyncStart`, `asyncEnd`,
 * `error` under `tracing:x:oauth2:request:*` and `tracing:x:oauth2:token:*`). Nothing is published while
 * nobody subscribes.
 *
 * @example
 * ```ts
 * import diagnostics from 'node:diagnostics_channel'
 * diagnostics.tracingChannel('x:oauth2:token').subscribe({
 *   start() {}, end() {}, asyncStart() {}, error() {},
 *   asyncEnd(ctx) { console.log(ctx) },
 * })
 * ```
 */
export const tracingChannels = {
  /**
   * `x:oauth2:request`: one request made through a session, the token renewal it waits for included.
   * @see https://nodejs.org/api/diagnostics_channel.html#class-tracingchannel
   */
  request: diagnostics.tracingChannel<object, OAuth2RequestContext>('x:oauth2:request'),
  /**
   * `x:oauth2:token`: one request to the token endpoint.
   * @see https://nodejs.org/api/diagnostics_channel.html#class-tracingchannel
   */
  token: diagnostics.tracingChannel<object, OAuth2TokenContext>('x:oauth2:token'),
} as const

/** `NODE_DEBUG=x-oauth2`: a line per token request (grant, renewal, waiters) and per request that waited. */
export const debug = debuglog('x-oauth2')

let lastRequest = 0
let lastToken = 0

/** Whether anyone listens to the request channel or the debug log. */
export function tracingRequests(): boolean {
  return tracingChannels.request.hasSubscribers || debug.enabled
}

/** Runs `send` inside `x:oauth2:request`; `send` sets `context.renewal` when it waits for a token. */
export function traceRequest(
  method: string,
  url: string,
  send: (context: OAuth2RequestContext) => Promise<Response>,
): Promise<Response> {
  const context: OAuth2RequestContext = { id: ++lastRequest, method, url: redactUrl(url), renewal: false }
  const settle = () => {
    if (context.renewal && debug.enabled) {
      debug('request %d %s %s waited for a token renewal', context.id, method, context.url)
    }
  }
  const run = () =>
    send(context).then(
      (response) => {
        settle()
        return response
      },
      (error: unknown) => {
        settle()
        throw error
      },
    )
  return tracingChannels.request.hasSubscribers ? tracingChannels.request.tracePromise(run, context) : run()
}

/** Runs one token endpoint request inside `x:oauth2:token`. */
export function traceToken(
  grant: string,
  endpoint: string,
  renewal: boolean,
  waiters: () => number,
  fetch: () => Promise<OAuth2Token>,
): Promise<OAuth2Token> {
  if (!tracingChannels.token.hasSubscribers && !debug.enabled) return fetch()
  const context: OAuth2TokenContext = {
    id: ++lastToken,
    grant,
    endpoint: redactUrl(endpoint),
    renewal,
    waiters: 1,
  }
  const start = performance.now()
  if (debug.enabled)
    debug('token %d %s at %s%s', context.id, grant, context.endpoint, renewal ? ' (renewal)' : '')
  let token: OAuth2Token | undefined
  // The traced promise settles with the token's type and lifetime (tracePromise puts it in `context.result`):
  // the token itself never reaches a subscriber.
  const run = () =>
    fetch().then(
      (fetched) => {
        token = fetched
        context.waiters = Math.max(1, waiters())
        if (debug.enabled) {
          const ms = (performance.now() - start).toFixed(1)
          const n = context.waiters
          debug(
            'token %d ok in %s ms (expires_in %s, %d waiter%s)',
            context.id,
            ms,
            fetched.expires_in,
            n,
            n === 1 ? '' : 's',
          )
        }
        return { token_type: fetched.token_type, expires_in: fetched.expires_in }
      },
      (error: unknown) => {
        context.waiters = Math.max(1, waiters())
        if (debug.enabled) {
          const e = error as { name?: string; error?: unknown }
          debug(
            'token %d failed: %s%s',
            context.id,
            e?.name,
            typeof e?.error === 'string' ? ` (${e.error})` : '',
          )
        }
        throw error
      },
    )
  const traced = tracingChannels.token.hasSubscribers
    ? tracingChannels.token.tracePromise(run, context)
    : run()
  return traced.then(() => token as OAuth2Token)
}
