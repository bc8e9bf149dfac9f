import type { ServerResponse } from 'node:http'
import type { TokenFields } from '../../src/token.js'
import { json, type ScriptedRequest, type ScriptedServer, startScriptedServer } from './scripted-server.js'

export interface TokenServer extends ScriptedServer {
  /** Token endpoint calls per grant type. */
  grants: Map<string, number>
  /** Access tokens the resource server accepts. */
  valid: Set<string>
  /** The next answers of the token endpoint (default: a fresh token). */
  script: Array<(req: ScriptedRequest, res: ServerResponse) => void>
  issue(extra?: Record<string, unknown>): TokenFields
  tokenUrl: string
  resourceUrl: string
}

let counter = 0

/** A scripted authorization server + resource server: /token issues tokens, /resource checks them. */
export async function startTokenServer(
  options: { expiresIn?: number; refresh?: boolean; delay?: number } = {},
): Promise<TokenServer> {
  const grants = new Map<string, number>()
  const valid = new Set<string>()
  const script: TokenServer['script'] = []
  const issue = (extra: Record<string, unknown> = {}): TokenFields => {
    const access = `at-${++counter}`
    valid.add(access)
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: options.expiresIn ?? 300,
      ...(options.refresh === false ? {} : { refresh_token: `rt-${counter}` }),
      ...extra,
    }
  }
  const server = await startScriptedServer({
    '/token': async (req, res) => {
      const grant = req.form.get('grant_type') ?? '?'
      grants.set(grant, (grants.get(grant) ?? 0) + 1)
      if (options.delay) await new Promise((r) => setTimeout(r, options.delay))
      const next = script.shift()
      if (next) next(req, res)
      else json(res, 200, issue())
    },
    '/resource': (req, res) => {
      const header = req.headers.authorization ?? ''
      const token = header.startsWith('Bearer ')
        ? header.slice(7)
        : (req.query.get('access_token') ?? req.form.get('access_token') ?? '')
      if (!valid.has(token)) {
        res.writeHead(401, {
          'www-authenticate': 'Bearer error="invalid_token", error_description="expired"',
        })
        res.end()
        return
      }
      json(res, 200, { token, method: req.method, body: req.body, query: Object.fromEntries(req.query) })
    },
  })
  return Object.assign(server, {
    grants,
    valid,
    script,
    issue,
    tokenUrl: `${server.url}/token`,
    resourceUrl: `${server.url}/resource`,
  })
}
