// Factories for the OAuth2Session of each realm client, closed after each test.
import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { OAuth2Session, type OAuth2SessionOptions } from '@x/oauth2'
import { Session } from '@x/requests'
import { afterEach } from 'vitest'
import { clients, xstack } from './env.ts'

const open: Array<{ close(): Promise<void> }> = []

/** Registers the afterEach that closes what `session`/`browser` opened; call once per test file. */
export function closeSessionsAfterEach(): void {
  afterEach(async () => {
    for (const session of open.splice(0)) await session.close()
  })
}

/** An OAuth2Session for the xstack realm (discovery from its issuer unless `issuer: undefined` is passed). */
export function session(options: OAuth2SessionOptions): OAuth2Session {
  const client = new OAuth2Session({ issuer: xstack.issuer, ...options })
  open.push(client)
  return client
}

/** A plain @x/requests Session with its cookie jar: the headless browser of the login-form driver. */
export function browser(): Session {
  const created = new Session()
  open.push(created)
  return created
}

/** The private JWK of xstack-jwt (test fixture) with the kid the realm knows. */
export function xstackJwtKey() {
  const pem = readFileSync(new URL('../fixtures/xstack-jwt.private.pem', import.meta.url), 'utf8')
  return { ...createPrivateKey(pem).export({ format: 'jwk' }), kid: clients.jwt.kid, alg: 'RS256' }
}
