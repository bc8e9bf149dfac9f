import { describe, expect, test } from 'vitest'
import { OAuth2Session } from '../src/index.js'

function failure(options: unknown): TypeError & { code?: string } {
  try {
    new OAuth2Session(options as never)
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
    const session = new OAuth2Session(options)
    expect(session.clientId).toBe('app')
    expect(session.timeout).toBe(5000)
    expect(session.headers.get('user-agent')).toBe('x')
  })

  // Issue 13 item 7: the Session option list was copied by hand and missed maxResponseSize.
  test('every Session option is accepted, without a hand-kept list', () => {
    const session = new OAuth2Session({ clientId: 'app', maxResponseSize: 1024, stream: true })
    expect(session.maxResponseSize).toBe(1024)
    expect(session.stream).toBe(true)
    expect(failure({ clientId: 'a', maxRespSize: 1 }).message).toBe(
      '"options.maxRespSize" is not a known option',
    )
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
    ['bad Session option', { clientId: 'a', maxRedirects: -1 }, '"options.maxRedirects"'],
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
