import { describe, expect, test } from 'vitest'
import { validateOptions } from '../src/options.js'

function failure(options: unknown): TypeError & { code?: string } {
  try {
    validateOptions(options)
  } catch (error) {
    return error as TypeError & { code?: string }
  }
  throw new Error('accepted')
}

describe('option validation', () => {
  test('valid options pass, Session options pass through', () => {
    const options = {
      clientId: 'app',
      clientSecret: 's',
      scope: ['openid'],
      tokenPlacement: 'body' as const,
      leeway: 30_000,
      issuer: 'http://127.0.0.1:8080/realms/x',
      updateToken: () => {},
      timeout: 5000,
      headers: { 'user-agent': 'x' },
      dpop: true,
      codeChallengeMethod: false as const,
    }
    expect(validateOptions(options)).toBe(options)
  })

  test.each<[string, unknown, string]>([
    ['missing clientId', {}, '"options.clientId" is required'],
    ['empty clientId', { clientId: '' }, '"options.clientId" must be a non-empty string'],
    ['numeric clientId', { clientId: 5 }, '"options.clientId" must be a non-empty string'],
    ['unknown key', { clientId: 'a', clientSecrett: 'x' }, '"options.clientSecrett" is not a known option'],
    [
      'bad placement',
      { clientId: 'a', tokenPlacement: 'cookie' },
      `"options.tokenPlacement" must be 'header', 'body' or 'uri'`,
    ],
    ['negative leeway', { clientId: 'a', leeway: -1 }, '"options.leeway"'],
    ['bad issuer', { clientId: 'a', issuer: 'not a url' }, '"options.issuer" must be an http(s) URL'],
    ['hook not a function', { clientId: 'a', updateToken: 'x' }, '"options.updateToken" must be a function'],
    [
      'token without access_token',
      { clientId: 'a', token: { refresh_token: 'r' } },
      '"options.token" must be a token',
    ],
    [
      'metadata without issuer',
      { clientId: 'a', metadata: { token_endpoint: 'http://127.0.0.1/t' } },
      '"options.metadata.issuer"',
    ],
    ['bad dpop', { clientId: 'a', dpop: 'yes' }, '"options.dpop" must be a boolean'],
  ])('%s is a path-named TypeError', (_name, options, message) => {
    const e = failure(options)
    expect(e).toBeInstanceOf(TypeError)
    expect(e.code).toBe('ERR_INVALID_ARG_VALUE')
    expect(e.message).toContain(message)
  })

  test('a rejected secret is not echoed', () => {
    const e = failure({ clientId: 'a', clientSecret: 12345678 })
    expect(e.message).toBe('"options.clientSecret" must be a string')
    expect(failure({ clientId: 'a', token: 'SECRET-TOKEN' }).message).not.toContain('SECRET-TOKEN')
  })
})
