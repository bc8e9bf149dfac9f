/**
 * A failure the tooling reports as one readable line: redis-server missing and not installable (no root, no
 * apt-get, the install failed), a port taken, a server or cluster that did not become ready.
 */
export class RedisToolError extends Error {
  override name = 'RedisToolError' as const
  readonly logTail: string | undefined

  constructor(message: string, options?: { cause?: unknown; logTail?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.logTail = options?.logTail
  }
}
