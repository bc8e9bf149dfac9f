// Our side: the same scenario through @x/pool, @x/requests and @x/oauth2, observed field for field as
// python/runner.py observes Python's objects.
import { createHash, createPrivateKey } from 'node:crypto'
import { type FetchTokenOptions, OAuth2Session } from '@x/oauth2'
import { type HTTPResponse, PoolManager, Retry, type RetryOptions } from '@x/pool'
import { HTTPAdapter, HTTPDigestAuth, type Response, Session } from '@x/requests'
import { type RetrySpec, type Scenario, type Step, type TimeoutSpec, unbytes } from './scenario.js'

type Obs = Record<string, unknown>

const seconds = (s: number | null | undefined) => (typeof s === 'number' ? Math.round(s * 1000) : s)

function digest(bytes: Uint8Array) {
  return { sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16), length: bytes.byteLength }
}

function errorOf(e: unknown): Obs {
  const error = e as Error & { reason?: unknown; error?: string; description?: string }
  const out: Obs = { class: error.name, message: error.message }
  if (error.reason instanceof Error) out.reason = error.reason.name
  if (error.name === 'OAuthError') {
    out.error = error.error ?? null
    out.description = error.description ?? null
  }
  return out
}

function retry(spec: RetrySpec | number | false | undefined): Retry | number | false | undefined {
  if (spec === undefined || typeof spec === 'number' || spec === false) return spec
  const o: RetryOptions = {}
  if (spec.total !== undefined) o.total = spec.total
  if (spec.connect !== undefined) o.connect = spec.connect
  if (spec.read !== undefined) o.read = spec.read
  if (spec.redirect !== undefined) o.redirect = spec.redirect
  if (spec.status !== undefined) o.status = spec.status
  if (spec.allowed_methods !== undefined) o.allowedMethods = spec.allowed_methods
  if (spec.status_forcelist) o.statusForcelist = spec.status_forcelist
  if (spec.backoff_factor !== undefined) o.backoffFactor = seconds(spec.backoff_factor)!
  if (spec.backoff_max !== undefined) o.backoffMax = seconds(spec.backoff_max)!
  if (spec.respect_retry_after_header !== undefined)
    o.respectRetryAfterHeader = spec.respect_retry_after_header
  if (spec.retry_after_max !== undefined) o.retryAfterMax = seconds(spec.retry_after_max)!
  if (spec.raise_on_redirect !== undefined) o.raiseOnRedirect = spec.raise_on_redirect
  if (spec.raise_on_status !== undefined) o.raiseOnStatus = spec.raise_on_status
  return new Retry(o)
}

const timeout = (t: TimeoutSpec) =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, seconds(v)])) as {
    connect?: number
    read?: number
  }

// ------------------------------------------------------------------ requests

const KWARGS: Record<string, string> = { allow_redirects: 'allowRedirects' }

function requestsOptions(kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(unbytes(kwargs) as Record<string, unknown>)) {
    let value = raw
    if (key === 'auth' && raw && typeof raw === 'object' && 'digest' in raw) {
      const [user, pass] = (raw as { digest: [string, string] }).digest
      value = new HTTPDigestAuth(user, pass)
    } else if (key === 'timeout') {
      value = Array.isArray(raw) ? raw.map((s) => seconds(s as number)) : seconds(raw as number)
    }
    out[KWARGS[key] ?? key] = value
  }
  return out
}

async function observeRequests(r: Response, step: Step): Promise<Obs> {
  const o: Obs = {
    status: r.statusCode,
    reason: r.reason,
    ok: r.ok,
    url: r.url,
    history: r.history.map((h) => [h.statusCode, h.url]),
    headers: Object.fromEntries(
      [...r.headers.entries()].map(([k, v]) => [k.toLowerCase(), v]).filter(([k]) => k !== 'date'),
    ),
    is_redirect: r.isRedirect,
    links: r.links,
  }
  switch (step.read ?? 'content') {
    case 'json':
      o.json = r.json()
      break
    case 'text':
      o.encoding = r.encoding ?? null
      o.text = r.text
      o.content = digest(r.content)
      break
    case 'apparent':
      o.encoding = r.encoding ?? null
      o.apparent_encoding = r.apparentEncoding
      o.text = r.text
      break
    case 'content':
      o.content = digest(r.content)
      break
    case 'iter_content': {
      const chunks: Uint8Array[] = []
      for await (const c of r.iterContent({ chunkSize: step.chunk_size ?? 1024 })) chunks.push(c)
      o.content = digest(Buffer.concat(chunks))
      break
    }
    case 'iter_lines': {
      const lines: string[] = []
      for await (const line of r.iterLines()) lines.push(Buffer.from(line).toString('latin1'))
      o.lines = lines
      break
    }
    case 'raise_for_status':
      try {
        r.raiseForStatus()
        o.raise = null
      } catch (e) {
        o.raise = errorOf(e)
      }
      break
    default:
      throw new Error(`read ${step.read} is not a requests read`)
  }
  return o
}

async function runRequests(sc: Scenario): Promise<Obs> {
  const cfg = sc.session ?? {}
  const options: Record<string, unknown> = {}
  if (cfg.headers) options.headers = cfg.headers
  if (cfg.auth) options.auth = cfg.auth
  if (cfg.params) options.params = cfg.params
  if (cfg.cookies) options.cookies = cfg.cookies
  if (cfg.max_redirects !== undefined) options.maxRedirects = cfg.max_redirects
  if (cfg.trust_env !== undefined) options.trustEnv = cfg.trust_env
  // requests has no default timeout; ours does (documented): the scenarios run without one on both sides.
  options.timeout = null
  const s = new Session(options as ConstructorParameters<typeof Session>[0])
  if (cfg.retries !== undefined)
    s.mount('http://', new HTTPAdapter({ maxRetries: retry(cfg.retries) as number | Retry }))
  const steps: Obs[] = []
  try {
    for (const step of sc.steps) {
      let o: Obs
      try {
        const r = await s.request(step.method!, step.url!, requestsOptions(step.kwargs))
        o = await observeRequests(r, step)
      } catch (e) {
        o = { error: errorOf(e) }
      }
      o.cookies = s.cookies
        .all()
        .map((c) => [c.key, c.value, c.domain ?? '', c.path ?? '/'])
        .sort()
      steps.push(o)
    }
  } finally {
    await s.close()
  }
  return { steps }
}

// ------------------------------------------------------------------ pool

async function observePool(r: HTTPResponse, step: Step): Promise<Obs> {
  const o: Obs = {
    status: r.status,
    reason: r.reason,
    headers: Object.fromEntries(
      [...r.headers.itermerged()].map(([k, v]) => [k.toLowerCase(), v]).filter(([k]) => k !== 'date'),
    ),
    url: r.url,
    redirect_location: r.getRedirectLocation(),
    history: (r.retries?.history ?? []).map((h) => [
      h.method,
      h.url,
      h.status ?? null,
      h.redirectLocation ?? null,
      h.error ? (h.error as Error).name : null,
    ]),
  }
  switch (step.read ?? 'data') {
    case 'json':
      o.json = r.json()
      break
    case 'data':
      o.data = digest(r.data)
      break
    case 'text':
      o.text = r.text()
      break
    case 'stream': {
      const chunks: Uint8Array[] = []
      for await (const c of r.stream(step.amt ?? 1024)) chunks.push(c)
      o.data = digest(Buffer.concat(chunks))
      break
    }
    case 'read_amt': {
      const first = await r.read(step.amt)
      const rest = await r.read()
      o.first = digest(first)
      o.rest = digest(rest)
      break
    }
    default:
      throw new Error(`read ${step.read} is not a pool read`)
  }
  return o
}

const POOL_KWARGS: Record<string, string> = {
  preload_content: 'preloadContent',
  decode_content: 'decodeContent',
  encode_multipart: 'encodeMultipart',
}

async function runPool(sc: Scenario): Promise<Obs> {
  const cfg = sc.manager ?? {}
  const options: Record<string, unknown> = {}
  if (cfg.headers) options.headers = cfg.headers
  if (cfg.retries !== undefined) options.retries = retry(cfg.retries)
  if (cfg.timeout) options.timeout = timeout(cfg.timeout)
  const pm = new PoolManager(options)
  const steps: Obs[] = []
  try {
    for (const step of sc.steps) {
      const kwargs: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(unbytes(step.kwargs ?? {}) as Record<string, unknown>)) {
        if (key === 'retries') kwargs.retries = retry(value as RetrySpec)
        else if (key === 'timeout') kwargs.timeout = timeout(value as TimeoutSpec)
        else kwargs[POOL_KWARGS[key] ?? key] = value
      }
      let o: Obs
      try {
        const r = await pm.request(step.method!, step.url!, kwargs)
        o = await observePool(r, step)
      } catch (e) {
        o = { error: errorOf(e) }
      }
      steps.push(o)
    }
  } finally {
    await pm.close()
  }
  return { steps }
}

// ------------------------------------------------------------------ oauth2

const CLIENT: Record<string, string> = {
  client_id: 'clientId',
  client_secret: 'clientSecret',
  token_endpoint_auth_method: 'tokenEndpointAuthMethod',
  token_placement: 'tokenPlacement',
  scope: 'scope',
  redirect_uri: 'redirectUri',
  token: 'token',
}

const ARGS: Record<string, string> = {
  grant_type: 'grantType',
  refresh_token: 'refreshToken',
  token_type_hint: 'tokenTypeHint',
  code_verifier: 'codeVerifier',
  redirect_uri: 'redirectUri',
  device_code: 'deviceCode',
  subject_token: 'subjectToken',
  subject_token_type: 'subjectTokenType',
}

async function runOauth2(sc: Scenario): Promise<Obs> {
  const options: Record<string, unknown> = {}
  const { jwt_token_url: _url, private_key_pem: pem, kid, ...given } = sc.client ?? {}
  for (const [k, v] of Object.entries(given)) options[CLIENT[k] ?? k] = v
  if (typeof pem === 'string') {
    options.privateKey = { ...createPrivateKey(pem).export({ format: 'jwk' }), kid, alg: 'RS256' }
  }
  const client = new OAuth2Session(options as unknown as ConstructorParameters<typeof OAuth2Session>[0])
  const steps: Obs[] = []
  try {
    for (const step of sc.steps) {
      const args: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(step.args ?? {})) args[ARGS[k] ?? k] = v
      let o: Obs
      try {
        let value: unknown
        switch (step.op) {
          case 'fetch_token':
            value = { ...(await client.fetchToken(step.url, args as FetchTokenOptions)) }
            break
          case 'refresh_token':
            value = { ...(await client.refreshToken(step.url, args as FetchTokenOptions)) }
            break
          case 'revoke_token':
            await client.revokeToken(step.url, args.token as string | undefined, args.tokenTypeHint as string)
            value = { status: 200 }
            break
          case 'introspect_token':
            value = {
              status: 200,
              json: await client.introspectToken(
                step.url,
                args.token as string | undefined,
                args.tokenTypeHint as string,
              ),
            }
            break
          case 'request': {
            const r = await client.request(step.method ?? 'GET', step.url!, args)
            value = { status: r.statusCode, json: r.content.byteLength ? r.json() : null }
            break
          }
          case 'set_token':
            client.token = args.token as never
            value = null
            break
          case 'is_expired':
            value = client.token ? (client.token.isExpired() ?? null) : null
            break
          default:
            throw new Error(`op ${step.op}`)
        }
        o = { value }
      } catch (e) {
        o = { error: errorOf(e) }
      }
      steps.push(o)
    }
  } finally {
    await client.close()
  }
  return { steps }
}

export function runOurs(sc: Scenario): Promise<Obs> {
  switch (sc.pkg) {
    case 'requests':
      return runRequests(sc)
    case 'pool':
      return runPool(sc)
    case 'oauth2':
      return runOauth2(sc)
  }
}
