// Drives Keycloak's login pages headlessly: GET the authorization URL, post the login form, accept the consent
// page when there is one, and stop at the redirect that leaves Keycloak (the code is read from its Location).

/** What the driver needs from an HTTP client with a cookie jar; an @x/requests `Session` fits it as is. */
export interface Browser {
  get(url: string, options: { allowRedirects: boolean }): Promise<BrowserResponse>
  post(
    url: string,
    options: { data: Record<string, string>; allowRedirects: boolean },
  ): Promise<BrowserResponse>
}

export interface BrowserResponse {
  statusCode: number
  text: string
  headers: { get(name: string): string | null | undefined }
}

export class LoginFormError extends Error {
  override name = 'LoginFormError'
  /** The message Keycloak printed on the page (e.g. 'Invalid username or password.'). */
  readonly pageMessage: string | undefined
  constructor(message: string, pageMessage?: string) {
    super(pageMessage ? `${message}: ${pageMessage}` : message)
    this.pageMessage = pageMessage
  }
}

export interface LoginResult {
  /** The Location that leaves Keycloak: the client's redirect URI with code/state/iss or error. */
  location: string
  params: URLSearchParams
  /** Pages visited, for debugging a failing test. */
  trail: string[]
}

const decode = (value: string) =>
  value
    .replaceAll('&amp;', '&')
    .replaceAll('&#x2F;', '/')
    .replaceAll('&#47;', '/')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")

/** The `action` of the first form whose opening tag matches `marker` (an id, or any form when omitted). */
export function formAction(html: string, marker?: RegExp): string | undefined {
  for (const tag of html.match(/<form\b[^>]*>/g) ?? []) {
    if (marker && !marker.test(tag)) continue
    const action = /\baction="([^"]*)"/.exec(tag)?.[1]
    if (action !== undefined) return decode(action)
  }
  return undefined
}

/** Hidden inputs of the page (the consent form carries a `code`). */
export function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const tag of html.match(/<input\b[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1]
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1]
    if (name) fields[name] = decode(value ?? '')
  }
  return fields
}

/** The error or info message Keycloak shows on a page. */
export function pageMessage(html: string): string | undefined {
  const match =
    /id="input-error"[^>]*>\s*([^<]+?)\s*</.exec(html) ??
    /class="[^"]*(?:kc-feedback-text|pf-v5-c-alert__title|alert-error)[^"]*"[^>]*>\s*([^<]+?)\s*</.exec(html)
  return match?.[1] ? decode(match[1].trim()) : undefined
}

function isKeycloak(url: string, keycloakOrigin: string): boolean {
  return new URL(url).origin === keycloakOrigin
}

/**
 * Logs `username` in through the pages that start at `url` (an authorization URL, a PAR `request_uri` URL, or a
 * device `verification_uri_complete`). Returns at the first redirect that leaves Keycloak; for the device flow,
 * which never leaves Keycloak, returns the final Keycloak page's URL.
 */
export async function loginThroughForm(
  browser: Browser,
  url: string,
  credentials: { username: string; password: string },
  options: { consent?: 'accept' | 'deny'; maxSteps?: number } = {},
): Promise<LoginResult> {
  const origin = new URL(url).origin
  const trail: string[] = []
  let current = url
  let response = await browser.get(current, { allowRedirects: false })
  let loginPosted = false
  let submitted = false
  for (let step = 0; step < (options.maxSteps ?? 12); step++) {
    trail.push(`${response.statusCode} ${current.split('?')[0]}`)
    const location = response.headers.get('location')
    if (response.statusCode >= 300 && response.statusCode < 400 && location) {
      const next = new URL(location, current).href
      if (!isKeycloak(next, origin)) return { location: next, params: new URL(next).searchParams, trail }
      current = next
      response = await browser.get(current, { allowRedirects: false })
      continue
    }
    if (response.statusCode !== 200) {
      throw new LoginFormError(
        `unexpected ${response.statusCode} from ${current.split('?')[0]}`,
        pageMessage(response.text),
      )
    }
    const html = response.text
    const login = formAction(html, /id="kc-form-login"/)
    if (login) {
      if (loginPosted) throw new LoginFormError('login rejected', pageMessage(html))
      loginPosted = true
      submitted = true
      current = new URL(login, current).href
      response = await browser.post(current, {
        data: { username: credentials.username, password: credentials.password, credentialId: '' },
        allowRedirects: false,
      })
      continue
    }
    const consent = /name="accept"/.test(html) ? formAction(html) : undefined
    if (consent) {
      current = new URL(consent, current).href
      const decision = options.consent ?? 'accept'
      submitted = true
      response = await browser.post(current, {
        // the consent page's buttons are named accept and cancel
        data: { ...hiddenInputs(html), ...(decision === 'accept' ? { accept: 'Yes' } : { cancel: 'No' }) },
        allowRedirects: false,
      })
      continue
    }
    // a page with nothing to submit: the end of a flow that stays on Keycloak (device flow) or an error page
    if (submitted) return { location: current, params: new URL(current).searchParams, trail }
    throw new LoginFormError(`no login form at ${current.split('?')[0]}`, pageMessage(html))
  }
  throw new LoginFormError(`login did not finish: ${trail.join(' -> ')}`)
}

/**
 * A `Browser` on plain fetch with a one-origin cookie jar, for setup code that must not depend on the packages
 * under test. The suite's own flows go through an @x/requests `Session`.
 */
export class FetchBrowser implements Browser {
  readonly cookies = new Map<string, string>()

  #remember(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';', 1)[0] ?? ''
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const maxAge = /;\s*max-age=(-?\d+)/i.exec(cookie)?.[1]
      if (maxAge !== undefined && Number(maxAge) <= 0) this.cookies.delete(pair.slice(0, eq).trim())
      else this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1))
    }
  }

  async #send(url: string, init: RequestInit): Promise<BrowserResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const headers = new Headers(init.headers)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.#remember(response)
    const text = await response.text()
    return { statusCode: response.status, text, headers: response.headers }
  }

  get(url: string, _options: { allowRedirects: boolean }): Promise<BrowserResponse> {
    return this.#send(url, { method: 'GET' })
  }

  post(
    url: string,
    options: { data: Record<string, string>; allowRedirects: boolean },
  ): Promise<BrowserResponse> {
    return this.#send(url, {
      method: 'POST',
      body: new URLSearchParams(options.data),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }
}
