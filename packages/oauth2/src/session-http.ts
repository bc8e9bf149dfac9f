import type { RequestOptions, Response } from '@x/requests'
import { OAuthError } from './errors/oauth-error.js'
import { OAuthRequestError } from './errors/oauth-request-error.js'
import type { HttpRequest, HttpResponse } from './http.js'
import { redactUrl } from '@x/pool'

type Send = (method: string, url: string, options: RequestOptions) => Promise<Response>

/** The HttpResponse view of an `@x/requests` Response. */
export function toHttpResponse(response: Response): HttpResponse {
  return { status: response.statusCode, headers: response.headers, text: response.text, raw: response }
}

/**
 * Sends an OAuth endpoint request through the session (`super.request`: no token, no redirects) and
 * translates `@x/requests` failures into {@link OAuthRequestError}, keeping the original as `cause`.
 */
export async function sendThrough(send: Send, request: HttpRequest): Promise<HttpResponse> {
  let response: Response
  try {
    response = await send(request.method, request.url, {
      headers: request.headers,
      ...(request.body === undefined ? {} : { data: request.body }),
      allowRedirects: false,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(request.timeout === undefined ? {} : { timeout: request.timeout }),
      // Never the session's auth (or .netrc): client authentication is set on the request itself.
      auth: null,
    })
  } catch (error) {
    // An abort is the caller's own doing: its reason passes through untouched, as with fetch.
    if (error instanceof OAuthError || request.signal?.aborted) throw error
    const code = (error as { code?: unknown }).code
    const why = typeof code === 'string' ? code : (error as Error).name
    throw new OAuthRequestError(`${request.method} ${redactUrl(request.url)} failed (${why})`, {
      cause: error,
    })
  }
  return toHttpResponse(response)
}
