/** Parameters of an RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2). */
export interface EndSessionOptions {
  /**
   * `id_token_hint`: the ID token of the session being ended.
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
  idTokenHint?: string | undefined
  /**
   * `post_logout_redirect_uri`: where the provider sends the user after logout.
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
  postLogoutRedirectUri?: string | undefined
  /**
   * `state` passed back to `postLogoutRedirectUri`.
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
  state?: string | undefined
  /**
   * `client_id` of the relying party.
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
  clientId?: string | undefined
  /**
   * `logout_hint`: which user to log out.
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
  logoutHint?: string | undefined
  /**
   * `ui_locales`: preferred languages of the logout page, space-separated.
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   */
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
