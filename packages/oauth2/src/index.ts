export { createAuthorizationUrl, parseAuthorizationResponse } from './authorization.js'
export type {
  AuthorizationRequest,
  AuthorizationResponse,
  AuthorizationResponseChecks,
  AuthorizationUrlOptions,
  AuthorizationUrlParams,
} from './authorization.js'
export type { CallOptions } from './call-options.js'
export type { ClientAuthContext, ClientAuthMethod, PrivateKeyInput } from './client-auth.js'
export type { DevicePollOptions } from './device-flow.js'
export type { DPoPKeyPair } from './dpop.js'
export { createEndSessionUrl } from './end-session.js'
export type { EndSessionOptions } from './end-session.js'
export {
  ERR_OAUTH,
  ERR_OAUTH_INVALID_ID_TOKEN,
  ERR_OAUTH_INVALID_RESPONSE,
  ERR_OAUTH_INVALID_TOKEN,
  ERR_OAUTH_ISSUER_MISMATCH,
  ERR_OAUTH_MISSING_TOKEN,
  ERR_OAUTH_REQUEST,
  ERR_OAUTH_STATE_MISMATCH,
  type OAuthErrorCode,
} from './errors/codes.js'
export { InvalidIdTokenError } from './errors/invalid-id-token-error.js'
export { InvalidResponseError } from './errors/invalid-response-error.js'
export { InvalidTokenError } from './errors/invalid-token-error.js'
export { IssuerMismatchError } from './errors/issuer-mismatch-error.js'
export { MissingTokenError } from './errors/missing-token-error.js'
export { OAuthError } from './errors/oauth-error.js'
export type { OAuthErrorOptions } from './errors/oauth-error.js'
export { OAuthRequestError } from './errors/oauth-request-error.js'
export { StateMismatchError } from './errors/state-mismatch-error.js'
export { TOKEN_EXCHANGE_GRANT } from './grant-params.js'
export type { FetchTokenOptions } from './grant-params.js'
export type { IdTokenClaims } from './id-token.js'
export { OAuth2Session } from './oauth2-session.js'
export type { TokenExchangeOptions } from './oauth2-session.js'
export type { OAuth2Options, UpdateTokenHook } from './options.js'
export type { PushedAuthorizationResponse } from './par.js'
export { createCodeVerifier, createS256CodeChallenge, generateToken } from './pkce.js'
export type {
  AuthorizationServerMetadata,
  DeviceAuthorizationResponse,
  IntrospectionResponse,
  UserInfo,
} from './schemas.js'
export { OAuth2TokenAuth } from './token-auth.js'
export type { TokenPlacement } from './token-auth.js'
export type { TokenTypeHint } from './token-management.js'
export { MemoryTokenStore } from './token-store.js'
export type { StoredToken, TokenStore, TokenStoreKey, TokenStoreOptions } from './token-store.js'
export { TokenSession } from './token-session.js'
export type { OAuth2RequestOptions, OAuth2SessionOptions } from './token-session.js'
export { OAuth2Token } from './token.js'
export type { TokenFields } from './token.js'
export { DEVICE_CODE_GRANT } from './device-flow.js'
export { type OAuth2RequestContext, type OAuth2TokenContext, tracingChannels } from './tracing.js'
