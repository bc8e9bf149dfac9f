// The stable `code` of every @x/oauth2 error; `OAuthError.code` is typed as their union.

/** {@link OAuthError} (reported by the server, or no more specific class). */
export const ERR_OAUTH = 'ERR_OAUTH'
/** {@link InvalidIdTokenError}. */
export const ERR_OAUTH_INVALID_ID_TOKEN = 'ERR_OAUTH_INVALID_ID_TOKEN'
/** {@link InvalidResponseError}. */
export const ERR_OAUTH_INVALID_RESPONSE = 'ERR_OAUTH_INVALID_RESPONSE'
/** {@link InvalidTokenError}. */
export const ERR_OAUTH_INVALID_TOKEN = 'ERR_OAUTH_INVALID_TOKEN'
/** {@link IssuerMismatchError}. */
export const ERR_OAUTH_ISSUER_MISMATCH = 'ERR_OAUTH_ISSUER_MISMATCH'
/** {@link MissingTokenError}. */
export const ERR_OAUTH_MISSING_TOKEN = 'ERR_OAUTH_MISSING_TOKEN'
/** {@link OAuthRequestError}. */
export const ERR_OAUTH_REQUEST = 'ERR_OAUTH_REQUEST'
/** {@link StateMismatchError}. */
export const ERR_OAUTH_STATE_MISMATCH = 'ERR_OAUTH_STATE_MISMATCH'

/** Every `code` an `@x/oauth2` error can carry. */
export type OAuthErrorCode =
  | typeof ERR_OAUTH
  | typeof ERR_OAUTH_INVALID_ID_TOKEN
  | typeof ERR_OAUTH_INVALID_RESPONSE
  | typeof ERR_OAUTH_INVALID_TOKEN
  | typeof ERR_OAUTH_ISSUER_MISMATCH
  | typeof ERR_OAUTH_MISSING_TOKEN
  | typeof ERR_OAUTH_REQUEST
  | typeof ERR_OAUTH_STATE_MISMATCH
