import { loadNetrc, type NetrcEntry } from '../auth/netrc.js'
import { getEnvironProxies } from '../util/proxies.js'

/** What a session takes from the environment when `trustEnv` is on. */
export interface Environment {
  /** `http`/`https`/`all` from `*_PROXY` (empty when none). */
  readonly proxies: Record<string, string>
  /** `NO_PROXY`. */
  readonly noProxy: string | undefined
  /** `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE`. */
  readonly caBundle: string | undefined
  readonly netrc: Map<string, NetrcEntry> | null
}

const UNREAD = Symbol('unread')

/**
 * The environment as a session sees it: each part read from `process.env` (and `.netrc`) the first time it is
 * needed, then kept (requests reads it on every request; reading `process.env` costs on the hot path, and a
 * module-level call builds a session per call). `NO_PROXY` is only read when a proxy is set, the CA bundle only
 * for https. `session.refreshEnvironment()` starts a new snapshot.
 */
class LazyEnvironment implements Environment {
  readonly #env: NodeJS.ProcessEnv
  #proxies: Record<string, string> | typeof UNREAD = UNREAD
  #noProxy: string | undefined | typeof UNREAD = UNREAD
  #caBundle: string | undefined | typeof UNREAD = UNREAD
  #netrc: Map<string, NetrcEntry> | null | typeof UNREAD = UNREAD

  constructor(env: NodeJS.ProcessEnv) {
    this.#env = env
  }

  get proxies(): Record<string, string> {
    if (this.#proxies === UNREAD) this.#proxies = getEnvironProxies(this.#env)
    return this.#proxies
  }

  get noProxy(): string | undefined {
    if (this.#noProxy === UNREAD) this.#noProxy = this.#env.no_proxy || this.#env.NO_PROXY || undefined
    return this.#noProxy
  }

  get caBundle(): string | undefined {
    if (this.#caBundle === UNREAD)
      this.#caBundle = this.#env.REQUESTS_CA_BUNDLE || this.#env.CURL_CA_BUNDLE || undefined
    return this.#caBundle
  }

  get netrc(): Map<string, NetrcEntry> | null {
    if (this.#netrc === UNREAD) this.#netrc = loadNetrc(this.#env)
    return this.#netrc
  }
}

/** A snapshot of the environment for one session, each part read on first use (see {@link LazyEnvironment}). */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return new LazyEnvironment(env)
}

let turnEnvironment: Environment | undefined

function forgetTurnEnvironment(): void {
  turnEnvironment = undefined
}

/**
 * The environment of module-level calls (a fresh session each): one snapshot of `process.env` per turn of the event
 * loop, shared by the calls started in that turn. Reading `process.env` costs a few hundred ns per variable, and
 * a call reads up to eight; under concurrency many calls start per turn. A change of `process.env` is seen by every
 * call started from the next turn on (any call after an `await` of an earlier one).
 */
export function processEnvironment(): Environment {
  if (turnEnvironment === undefined) {
    turnEnvironment = new LazyEnvironment(process.env)
    setImmediate(forgetTurnEnvironment).unref()
  }
  return turnEnvironment
}

/** Drops the snapshot of {@link processEnvironment} (a module-level call's `refreshEnvironment()`). */
export function refreshProcessEnvironment(): void {
  turnEnvironment = undefined
}
