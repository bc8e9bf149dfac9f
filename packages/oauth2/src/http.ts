import type { Response } from '@x/requests'
import type { OptionSchema } from '@x/pool'
import type { CallOptions } from './call-options.js'
import { InvalidResponseError } from './errors/invalid-response-error.js'
import { OAuthError } from './errors/oauth-error.js'
import { redactSnippet } from './redact.js'
import { errorResponseSchema } from './schemas.js'

/** One request to an OAuth endpoint, as the internal modules describe it. */
export interface HttpRequest extends CallOptions {
  method: string
  url: string
  headers: Record<string, string>
  body?: string | undefined
}

/** The minimum the internal modules need from a response. */
export interface HttpResponse {
  status: number
  headers: { get(name: string): string | undefined | null }
  text: string
  /** The `@x/requests` Response, attached to errors non-enumerably. */
  raw: Response | undefined
}

/** How the internal modules reach the network: an `OAuth2Session` supplies one built on `@x/requests`. */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>

/** `application/x-www-form-urlencoded` body from parameters, skipping undefined values. */
export function formEncode(params: Record<string, string | readonly string[] | undefined>): string {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue
    if (typeof value === 'string') body.append(key, value)
    else for (const v of value) body.append(key, v)
  }
  return body.toString()
}

function describe(response: HttpResponse, what: string, problem: string): string {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() || 'no content-type'
  const snippet = redactSnippet(response.text)
  return `${what} answered HTTP ${response.status} (${type}) ${problem}${snippet ? `: ${snippet}` : ''}`
}

/** The OAuth error a `WWW-Authenticate` challenge carries (RFC 6750 §3), if any. */
export function challengeError(response: HttpResponse): OAuthError | undefined {
  const header = response.headers.get('www-authenticate')
  const error = header ? /\berror="([^"]*)"/.exec(header)?.[1] : undefined
  if (!header || !error) return undefined
  return new OAuthError(error, {
    description: /\berror_description="([^"]*)"/.exec(header)?.[1],
    uri: /\berror_uri="([^"]*)"/.exec(header)?.[1],
    status: response.status,
    response: response.raw,
  })
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Reads an OAuth JSON response: a JSON `error` object becomes an {@link OAuthError} (at any status),
 * a non-JSON body, a non-2xx without an OAuth error, or JSON of the wrong shape an {@link InvalidResponseError}.
 * `schema` gives the schema (a zod one is built on first use, once zod has loaded).
 */
export async function readJson<T>(
  response: HttpResponse,
  schema: () => OptionSchema<T> | Promise<OptionSchema<T>>,
  what: string,
): Promise<T> {
  const data = parseJson(response.text)
  if (data === undefined) {
    const challenge = response.status >= 400 ? challengeError(response) : undefined
    if (challenge) throw challenge
    throw new InvalidResponseError(describe(response, what, 'with a body that is not JSON'), {
      status: response.status,
      response: response.raw,
    })
  }
  if (
    response.status < 200 ||
    response.status > 299 ||
    (typeof data === 'object' && data && 'error' in data)
  ) {
    throw await toOAuthError(response, data, what)
  }
  const parsed = (await schema()).safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `"${issue.path.join('.')}" ` : ''
    throw new InvalidResponseError(
      `${what} answered with an invalid response: ${where}${issue?.message ?? ''}`,
      {
        status: response.status,
        response: response.raw,
      },
    )
  }
  return parsed.data
}

/** The OAuthError for an error response (RFC 6749 §5.2), or an InvalidResponseError when it is not one. */
export async function toOAuthError(response: HttpResponse, data: unknown, what: string): Promise<OAuthError> {
  const parsed = (await errorResponseSchema()).safeParse(data)
  if (parsed.success) {
    return new OAuthError(parsed.data.error, {
      description: parsed.data.error_description,
      uri: parsed.data.error_uri,
      status: response.status,
      response: response.raw,
    })
  }
  return new InvalidResponseError(describe(response, what, 'without an OAuth error'), {
    status: response.status,
    response: response.raw,
  })
}

/** Reads a response with no body of interest (revocation): only the status matters. */
export async function expectOk(response: HttpResponse, what: string): Promise<void> {
  if (response.status >= 200 && response.status <= 299) return
  const data = parseJson(response.text)
  throw data === undefined
    ? new InvalidResponseError(describe(response, what, 'with a body that is not JSON'), {
        status: response.status,
        response: response.raw,
      })
    : await toOAuthError(response, data, what)
}
