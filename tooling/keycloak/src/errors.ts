/**
 * A failure the CLI reports as one readable line (plus the log tail when there is one), never a stack trace:
 * Java or Maven missing, download failed, port taken, server did not become ready.
 */
export class KeycloakToolError extends Error {
  override name = 'KeycloakToolError' as const
  readonly logTail: string | undefined

  constructor(message: string, options?: { cause?: unknown; logTail?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.logTail = options?.logTail
  }
}
