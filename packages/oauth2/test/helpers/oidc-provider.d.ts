// The slice of oidc-provider 9 the tests use (the package ships no types).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }
  export interface DeviceCode {
    clientId: string
    scope?: string
    params?: Record<string, unknown>
    grantId?: string
    accountId?: string
    authTime?: number
    save(): Promise<string>
  }
  export interface Client {
    clientId: string
    grantTypeAllowed(type: string): boolean
  }
  export interface KoaContextWithOIDC {
    oidc: { provider: Provider; client?: Client; session?: { accountId?: string } }
  }
  export interface InteractionDetails {
    prompt: { name: string }
    session?: { accountId?: string }
    params: Record<string, unknown>
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    Grant: new (init: {
      clientId: string
      accountId: string
    }) => Grant
    DeviceCode: { findByUserCode(code: string): Promise<DeviceCode | undefined> }
    AccessToken: { find(token: string): Promise<{ jkt?: string } | undefined> }
    on(event: string, listener: (...args: unknown[]) => void): this
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
  }
}
