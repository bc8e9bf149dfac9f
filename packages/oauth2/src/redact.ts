import { REDACTED } from '@x/pool'

const SECRET_KEYS =
  'access_token|refresh_token|id_token|client_secret|client_assertion|password|code|code_verifier|device_code|' +
  'subject_token|actor_token|assertion|token'
const JSON_SECRET = new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*)"[^"]*"`, 'gi')
const FORM_SECRET = new RegExp(`\\b((?:${SECRET_KEYS})=)[^&\\s"'<]+`, 'gi')
// JWTs and any long run of token-like characters (opaque tokens, codes, secrets).
const JWT_LIKE = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/g
const LONG_OPAQUE = /[\w\-.~+/]{32,}={0,2}/g

/**
 * A short, single-line excerpt of a server body that is safe to put in an error message: secrets that look
 * like tokens are replaced and the text is cut to `max` characters.
 */
export function redactSnippet(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const head = flat.length > max * 4 ? flat.slice(0, max * 4) : flat
  const clean = head
    .replace(JSON_SECRET, `$1"${REDACTED}"`)
    .replace(FORM_SECRET, `$1${REDACTED}`)
    .replace(JWT_LIKE, REDACTED)
    .replace(LONG_OPAQUE, REDACTED)
  return clean.length > max ? `${clean.slice(0, max)}…` : clean
}
