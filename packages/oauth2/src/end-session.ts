/** Parameters of an RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2). */
export interface EndSessionOptions {
  idTokenHint?: string | undefined
  postLogoutRedirectUri?: string | undefined
  state?: string | undefined
  clientId?: string | undefined
  logoutHint?: string | undefined
  uiLocales?: string | undefined
}

/**
 * The end-session URL: `end_session_endpoint` with `id_token_hint`, `post_logout_redirect_uri`, `state`...
 *
 * @example
 * ```ts
 * createEndSessionUrl('https://op.example/logout', { idTokenHint: token.id_token, postLogoutRedirectUri: 'http://127.0.0.1:3000/' })
 * ```
 */
export function createEndSessionUrl(endpoint: string, options: EndSessionOptions = {}): string {
  const url = new URL(endpoint)
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) url.searchParams.set(key, value)
  }
  set('id_token_hint', options.idTokenHint)
  set('post_logout_redirect_uri', options.postLogoutRedirectUri)
  set('state', options.state)
  set('client_id', options.clientId)
  set('logout_hint', options.logoutHint)
  set('ui_locales', options.uiLocales)
  return url.toString()
}
