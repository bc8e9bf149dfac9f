import { createHash, randomBytes } from 'node:crypto'
import { readBody } from './body.ts'
import { type Context, type Route, notFound, send, sendJson } from './context.ts'
import { sameText } from './auth.ts'

const REALM = 'me@kennethreitz.com'
const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
  'SHA-512-256': 'sha512-256',
}
/** Nonces this process issued -> how many times each was accepted (oldest dropped past the limit). */
const nonces = new Map<string, number>()
const MAX_NONCES = 10_000

interface DigestRoute {
  qop: string | undefined
  user: string
  password: string
  algorithm: string
  staleAfter: number
}

/** `/digest-auth/:qop/:user/:passwd[/:algorithm[/:stale_after]]` */
function parseRoute(ctx: Context): DigestRoute | undefined {
  const [, qop, user, password, algorithm = 'MD5', staleAfter = 'never'] = ctx.segments
  const upper = algorithm.toUpperCase()
  const sess = upper.endsWith('-SESS')
  const base = sess ? upper.slice(0, -5) : upper
  if (qop === undefined || user === undefined || password === undefined || ctx.segments.length > 6)
    return undefined
  if (HASHES[base] === undefined || !(staleAfter === 'never' || /^\d+$/.test(staleAfter))) return undefined
  return {
    qop: qop === 'auth' || qop === 'auth-int' ? qop : undefined,
    user,
    password,
    algorithm: sess ? `${base}-sess` : base, // RFC 7616 spelling: 'SHA-256-sess'
    staleAfter: staleAfter === 'never' ? Number.POSITIVE_INFINITY : Number(staleAfter),
  }
}

/** Parses the parameters of a `Digest` Authorization header. */
export function parseDigestHeader(header: string | undefined): Record<string, string> | undefined {
  const match = /^digest\s+(.*)$/is.exec(header ?? '')
  if (match === null) return undefined
  const params: Record<string, string> = {}
  const pattern = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gi
  for (const part of match[1]!.matchAll(pattern)) {
    params[part[1]!.toLowerCase()] = part[2] === undefined ? (part[3] ?? '') : part[2].replace(/\\(.)/g, '$1')
  }
  return params
}

function hash(algorithm: string, text: string | Buffer): string {
  const base = algorithm.endsWith('-sess') ? algorithm.slice(0, -5) : algorithm
  return createHash(HASHES[base]!).update(text).digest('hex')
}

/** The `response` value RFC 7616 section 3.4.1 expects for these parameters. */
export function digestResponse(
  route: DigestRoute,
  params: Record<string, string>,
  method: string,
  body: Buffer,
): string {
  const { algorithm, qop } = route
  const nonce = params.nonce ?? ''
  const cnonce = params.cnonce ?? ''
  let ha1 = hash(algorithm, `${route.user}:${REALM}:${route.password}`)
  if (algorithm.endsWith('-sess')) ha1 = hash(algorithm, `${ha1}:${nonce}:${cnonce}`)
  const uri = params.uri ?? ''
  const ha2 =
    qop === 'auth-int'
      ? hash(algorithm, `${method}:${uri}:${hash(algorithm, body)}`)
      : hash(algorithm, `${method}:${uri}`)
  if (qop === undefined) return hash(algorithm, `${ha1}:${nonce}:${ha2}`)
  return hash(algorithm, `${ha1}:${nonce}:${params.nc ?? ''}:${cnonce}:${qop}:${ha2}`)
}

function challenge(ctx: Context, route: DigestRoute, stale: boolean): void {
  const nonce = randomBytes(16).toString('hex')
  nonces.set(nonce, 0)
  if (nonces.size > MAX_NONCES) nonces.delete(nonces.keys().next().value!)
  const parts = [`realm="${REALM}"`, `nonce="${nonce}"`]
  if (route.qop !== undefined) parts.push(`qop="${route.qop}"`)
  parts.push(
    `opaque="${randomBytes(16).toString('hex')}"`,
    `algorithm=${route.algorithm}`,
    `stale=${stale ? 'TRUE' : 'FALSE'}`,
  )
  send(ctx.res, 401, '', 'text/html; charset=utf-8', { 'WWW-Authenticate': `Digest ${parts.join(', ')}` })
}

function valid(ctx: Context, route: DigestRoute, params: Record<string, string>, body: Buffer): boolean {
  if (!sameText(params.username ?? '', route.user) || params.realm !== REALM) return false
  if ((params.algorithm ?? 'MD5').toUpperCase() !== route.algorithm.toUpperCase()) return false
  if (params.uri !== ctx.req.url) return false
  if (route.qop !== undefined && (params.qop !== route.qop || !params.nc || !params.cnonce)) return false
  const expected = digestResponse(route, params, ctx.req.method ?? 'GET', body)
  return sameText((params.response ?? '').toLowerCase(), expected)
}

async function digestAuth(ctx: Context): Promise<void> {
  const route = parseRoute(ctx)
  if (route === undefined) {
    notFound(ctx.res)
    return
  }
  const body = await readBody(ctx.req)
  const params = parseDigestHeader(ctx.req.headers.authorization)
  const uses = params?.nonce === undefined ? undefined : nonces.get(params.nonce)
  if (params === undefined || uses === undefined || !valid(ctx, route, params, body)) {
    challenge(ctx, route, false)
    return
  }
  if (uses >= route.staleAfter) {
    nonces.delete(params.nonce!)
    challenge(ctx, route, true)
    return
  }
  nonces.set(params.nonce!, uses + 1)
  sendJson(ctx.res, 200, { authenticated: true, user: route.user })
}

/** /digest-auth/:qop/:user/:passwd/:algorithm (MD5, SHA-256, SHA-512, SHA-512-256, and -sess variants) */
export const digestRoutes: Record<string, Route> = {
  'digest-auth': { handle: digestAuth },
}
