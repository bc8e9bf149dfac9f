import { OAuth2Session } from '@x/oauth2'
import { PoolManager, Retry } from '@x/pool'
import { HTTPAdapter, Session } from '@x/requests'
import type { Framing, Stack } from '../src/index.ts'

export interface ClientOptions {
  /** Retries for errors (GET and other allowed methods): a number, or false for none. */
  retries: number | false
  /** Read timeout, ms. */
  read?: number
}

/** One layer's client, reduced to what the scenarios need. Every request carries an Idempotency-Key. */
export interface Client {
  /** GET; resolves with the number of body bytes read (the whole body, streamed when `stream`). */
  get(url: string, key: string, stream?: boolean): Promise<number>
  /** POST with a small body; resolves with the body bytes read. */
  post(url: string, key: string): Promise<number>
  close(): Promise<void>
}

/** What a scenario expects from a layer: the error class names (or codes) that are correct for it. */
export interface Layer {
  readonly name: 'pool' | 'requests' | 'oauth2'
  open(stack: Stack, framing: Framing, options: ClientOptions): Client
  /** A reset or stall before the response head. */
  readonly beforeHead: readonly string[]
  /** The body cut after the head (reset, or a clean close short of the framing's end). */
  readonly midBody: readonly string[]
  /** No byte for longer than the read timeout. */
  readonly stall: readonly string[]
  /** A connection refused or reset while connecting (TLS handshake). */
  readonly connect: readonly string[]
  /** Retries exhausted: the wrapper (MaxRetryError), or the layer's own error when it does not wrap. */
  readonly exhausted: readonly string[]
}

const TIMEOUT = (o: ClientOptions) => ({
  connect: o.read === undefined ? 5_000 : 1_500,
  read: o.read ?? 10_000,
})

export const poolLayer: Layer = {
  name: 'pool',
  open(stack, framing, o) {
    const pm = new PoolManager({
      tls: { ca: stack.ca },
      allowH2: framing === 'h2',
      retries: o.retries === false ? false : new Retry({ total: o.retries, allowedMethods: ['GET'] }),
      timeout: TIMEOUT(o),
      maxSize: 50,
    })
    const send = async (method: string, url: string, key: string, stream = false) => {
      const headers = { 'Idempotency-Key': key }
      const body = method === 'POST' ? 'payload' : undefined
      if (!stream) return (await pm.request(method, url, { headers, body })).data.length
      const resp = await pm.request(method, url, { headers, body, preloadContent: false })
      let n = 0
      for await (const chunk of resp.stream()) n += chunk.length
      return n
    }
    return {
      get: (url, key, stream) => send('GET', url, key, stream),
      post: (url, key) => send('POST', url, key),
      close: () => pm.close(),
    }
  },
  beforeHead: ['ProtocolError'],
  midBody: ['ProtocolError', 'IncompleteRead'],
  stall: ['ReadTimeoutError'],
  connect: ['NewConnectionError', 'SSLError', 'ProtocolError'],
  exhausted: ['MaxRetryError'],
}

function sessionClient(session: Session, stack: Stack, framing: Framing, o: ClientOptions): Client {
  const adapter = new HTTPAdapter({
    maxRetries:
      o.retries === false ? 0 : new Retry({ total: o.retries, allowedMethods: ['GET'], redirect: false }),
    allowH2: framing === 'h2',
    poolMaxsize: 50,
  })
  session.mount('http://', adapter)
  session.mount('https://', adapter)
  const timeout = TIMEOUT(o)
  const send = async (method: 'get' | 'post', url: string, key: string, stream = false) => {
    const options = {
      headers: { 'Idempotency-Key': key },
      timeout,
      verify: stack.caFile,
      stream,
      ...(method === 'post' ? { data: 'payload' } : {}),
    }
    const r = await session[method](url, options)
    if (!stream) return r.content.length
    let n = 0
    for await (const chunk of r.iterContent({ chunkSize: 16 * 1024 })) n += chunk.length
    return n
  }
  return {
    get: (url, key, stream) => send('get', url, key, stream),
    post: (url, key) => send('post', url, key),
    close: () => session.close(),
  }
}

const requestsErrors = {
  beforeHead: ['ConnectionError'],
  midBody: ['ChunkedEncodingError'],
  stall: ['ReadTimeout'],
  connect: ['ConnectionError', 'SSLError'],
  exhausted: ['ConnectionError', 'RetryError', 'ReadTimeout'],
}

export const requestsLayer: Layer = {
  name: 'requests',
  open: (stack, framing, o) => sessionClient(new Session({ trustEnv: false }), stack, framing, o),
  ...requestsErrors,
}

export const oauth2Layer: Layer = {
  name: 'oauth2',
  open: (stack, framing, o) =>
    sessionClient(
      new OAuth2Session({
        clientId: 'faults',
        token: { access_token: 'faults-access-token', token_type: 'Bearer', expires_in: 3600 },
        trustEnv: false,
      }),
      stack,
      framing,
      o,
    ),
  ...requestsErrors,
}

/** The error's class name, walking `reason` of a MaxRetryError-like wrapper when asked. */
export function nameOf(error: unknown): string {
  return (error as { name?: string } | null)?.name ?? String(error)
}

export function reasonOf(error: unknown): unknown {
  return (error as { reason?: unknown }).reason ?? (error as { cause?: unknown }).cause
}
