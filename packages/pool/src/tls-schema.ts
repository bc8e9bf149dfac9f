import * as s from './option-schema.js'
import type { TlsOptions } from './dispatcher-factory.js'
import { bool, str } from './schemas.js'

// Apart from ./schemas.js so that a leaf import (`{ Retry }`) does not bundle the TLS schema (issue 11 item 4).

export const tlsSchema = /* @__PURE__ */ s.lazy(() => {
  const pem = s.union([str(), s.instanceof(Uint8Array)], { error: 'must be a string or a Buffer' })

  return s.strictObject(
    {
      ca: s.optional(
        s.union([pem, s.array(pem)], { error: 'must be a string, a Buffer or an array of them' }),
      ),
      cert: s.optional(pem),
      key: s.optional(pem),
      passphrase: s.optional(str()),
      rejectUnauthorized: s.optional(bool()),
      servername: s.optional(str()),
      assertFingerprint: s.optional(
        s.string({ error: 'must be a string' }).check(
          s.regex(/^(?:[0-9a-fA-F]{2}:){31}[0-9a-fA-F]{2}$|^[0-9a-fA-F]{64}$/, {
            error: "must be a SHA-256 fingerprint ('AB:CD:...' or 64 hex digits)",
          }),
        ),
      ),
    } satisfies { [K in keyof TlsOptions]-?: s.Schema },
    { error: 'must be an object' },
  )
})
