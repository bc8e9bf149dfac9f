import * as z from 'zod/mini'
import type { TlsOptions } from './dispatcher-factory.js'
import { bool, str } from './schemas.js'

// Apart from ./schemas.js so that a leaf import (`{ Retry }`) does not bundle the TLS schema (issue 11 item 4).

const pem = z.union([str, z.instanceof(Uint8Array)], { error: 'must be a string or a Buffer' })

export const tlsSchema = z.strictObject(
  {
    ca: z.optional(z.union([pem, z.array(pem)], { error: 'must be a string, a Buffer or an array of them' })),
    cert: z.optional(pem),
    key: z.optional(pem),
    passphrase: z.optional(str),
    rejectUnauthorized: z.optional(bool),
    servername: z.optional(str),
    assertFingerprint: z.optional(
      z.string({ error: 'must be a string' }).check(
        z.regex(/^(?:[0-9a-fA-F]{2}:){31}[0-9a-fA-F]{2}$|^[0-9a-fA-F]{64}$/, {
          error: "must be a SHA-256 fingerprint ('AB:CD:...' or 64 hex digits)",
        }),
      ),
    ),
  } satisfies { [K in keyof TlsOptions]-?: z.ZodMiniType },
  { error: 'must be an object' },
)
