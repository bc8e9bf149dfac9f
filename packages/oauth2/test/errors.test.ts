import { inspect } from 'node:util'
import type { Response } from '@x/requests'
import { describe, expect, test, vi } from 'vitest'
import { InvalidIdTokenError } from '../src/errors/invalid-id-token-error.js'
import { InvalidResponseError } from '../src/errors/invalid-response-error.js'
import { InvalidTokenError } from '../src/errors/invalid-token-error.js'
import { IssuerMismatchError } from '../src/errors/issuer-mismatch-error.js'
import { MissingTokenError } from '../src/errors/missing-token-error.js'
import { OAuthError } from '../src/errors/oauth-error.js'
import { OAuthRequestError } from '../src/errors/oauth-request-error.js'
import { StateMismatchError } from '../src/errors/state-mismatch-error.js'

describe('OAuthError', () => {
  test('prints error: description as Authlib does', () => {
    const e = new OAuthError('invalid_grant', { description: 'Session not active', status: 400 })
    expect(e.message).toBe('invalid_grant: Session not active')
    expect(String(e)).toBe('OAuthError: invalid_grant: Session not active')
    expect(e).toMatchObject({
      error: 'invalid_grant',
      description: 'Session not active',
      status: 400,
      code: 'ERR_OAUTH',
    })
    expect(e.uri).toBeUndefined()
  })

  test('an error without a description prints only the code', () => {
    const e = new OAuthError('invalid_client')
    expect(e.message).toBe('invalid_client')
    expect(e.description).toBeUndefined()
  })

  test('the response hangs off the error non-enumerably and stays out of inspect output', () => {
    const response = { secret: 'tok-SECRET-123' } as unknown as Response
    const e = new OAuthError('invalid_grant', { response, cause: new Error('below') })
    expect(e.response).toBe(response)
    expect(Object.keys(e)).not.toContain('response')
    expect(inspect(e)).not.toContain('tok-SECRET-123')
    expect((e.cause as Error).message).toBe('below')
  })

  test.each([
    [InvalidResponseError, 'ERR_OAUTH_INVALID_RESPONSE', 'invalid_response'],
    [StateMismatchError, 'ERR_OAUTH_STATE_MISMATCH', 'mismatching_state'],
    [IssuerMismatchError, 'ERR_OAUTH_ISSUER_MISMATCH', 'invalid_issuer'],
    [InvalidIdTokenError, 'ERR_OAUTH_INVALID_ID_TOKEN', 'invalid_id_token'],
    [MissingTokenError, 'ERR_OAUTH_MISSING_TOKEN', 'missing_token'],
    [InvalidTokenError, 'ERR_OAUTH_INVALID_TOKEN', 'invalid_token'],
    [OAuthRequestError, 'ERR_OAUTH_REQUEST', 'request_failed'],
  ])('%o has a stable code, a literal name and is an OAuthError', (Class, code, error) => {
    const e = new Class('what happened')
    expect(e.code).toBe(code)
    expect(Class.code).toBe(code)
    expect(e.name).toBe(Class.name)
    expect(e.error).toBe(error)
    expect(e.message).toBe(`${error}: what happened`)
    expect(e).toBeInstanceOf(OAuthError)
    expect(e).toBeInstanceOf(Error)
    expect(e).toBeInstanceOf(Class)
  })

  test('instanceof tells sibling classes apart', () => {
    expect(new StateMismatchError('x')).not.toBeInstanceOf(IssuerMismatchError)
    expect(new OAuthError('x')).not.toBeInstanceOf(StateMismatchError)
    expect(new Error('x')).not.toBeInstanceOf(OAuthError)
    expect((null as unknown as object) instanceof OAuthError).toBe(false)
  })

  test('instanceof works for an error made by another copy of the package (Symbol.for brand)', async () => {
    vi.resetModules() // the next import evaluates the package again: other classes, as a second installed copy
    const copy = await import('../src/index.js')
    expect(copy.StateMismatchError).not.toBe(StateMismatchError)
    const foreign = new copy.StateMismatchError('state differs')
    expect(foreign instanceof OAuthError).toBe(true)
    expect(foreign instanceof StateMismatchError).toBe(true)
    expect(foreign instanceof IssuerMismatchError).toBe(false)
  })

  test('an error code can be overridden for a subclass instance', () => {
    const e = new InvalidResponseError('sub differs', { error: 'invalid_userinfo' })
    expect(e.error).toBe('invalid_userinfo')
    expect(e.code).toBe('ERR_OAUTH_INVALID_RESPONSE')
  })
})
