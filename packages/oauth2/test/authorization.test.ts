import { describe, expect, test } from 'vitest'
import { createAuthorizationUrl, parseAuthorizationResponse } from '../src/authorization.js'
import { IssuerMismatchError } from '../src/errors/issuer-mismatch-error.js'
import { OAuthError } from '../src/errors/oauth-error.js'
import { StateMismatchError } from '../src/errors/state-mismatch-error.js'
import { createS256CodeChallenge } from '../src/pkce.js'

describe('createAuthorizationUrl', () => {
  test('adds state, PKCE S256 and, for openid, a nonce', () => {
    const r = createAuthorizationUrl('https://op.example/authorize?kc_idp_hint=x', {
      clientId: 'app',
      redirectUri: 'http://127.0.0.1/cb',
      scope: ['openid', 'email'],
    })
    const q = new URL(r.url).searchParams
    expect(q.get('kc_idp_hint')).toBe('x')
    expect(q.get('response_type')).toBe('code')
    expect(q.get('client_id')).toBe('app')
    expect(q.get('redirect_uri')).toBe('http://127.0.0.1/cb')
    expect(q.get('scope')).toBe('openid email')
    expect(q.get('state')).toBe(r.state)
    expect(q.get('nonce')).toBe(r.nonce)
    expect(q.get('code_challenge_method')).toBe('S256')
    expect(q.get('code_challenge')).toBe(createS256CodeChallenge(r.codeVerifier!))
    expect(r.url).not.toContain(r.codeVerifier!)
  })

  test('no nonce without openid, PKCE can be turned off, extra params pass through', () => {
    const r = createAuthorizationUrl('https://op.example/authorize', {
      clientId: 'app',
      scope: 'api',
      codeVerifier: false,
      state: 'fixed',
      prompt: 'consent',
      resource: ['https://a.example', 'https://b.example'],
    })
    const q = new URL(r.url).searchParams
    expect(r).toEqual({ url: r.url, state: 'fixed' })
    expect(q.has('nonce')).toBe(false)
    expect(q.has('code_challenge')).toBe(false)
    expect(q.get('prompt')).toBe('consent')
    expect(q.getAll('resource')).toEqual(['https://a.example', 'https://b.example'])
  })

  test('plain PKCE sends the verifier as the challenge', () => {
    const r = createAuthorizationUrl('https://op.example/a', {
      clientId: 'c',
      codeVerifier: 'v'.repeat(43),
      codeChallengeMethod: 'plain',
    })
    expect(new URL(r.url).searchParams.get('code_challenge')).toBe('v'.repeat(43))
  })
})

describe('parseAuthorizationResponse', () => {
  test('returns the code when state matches', () => {
    const r = parseAuthorizationResponse('http://127.0.0.1/cb?code=abc&state=s1&iss=https%3A%2F%2Fop', {
      state: 's1',
      issuer: 'https://op',
    })
    expect(r).toMatchObject({ code: 'abc', state: 's1', iss: 'https://op' })
  })

  test('refuses a state mismatch, a missing state, and checks state before the error', () => {
    expect(() => parseAuthorizationResponse('/cb?code=abc&state=evil', { state: 's1' })).toThrow(
      StateMismatchError,
    )
    expect(() => parseAuthorizationResponse('/cb?code=abc', { state: 's1' })).toThrow(StateMismatchError)
    expect(() => parseAuthorizationResponse('/cb?error=access_denied&state=evil', { state: 's1' })).toThrow(
      StateMismatchError,
    )
    const e = (() => {
      try {
        parseAuthorizationResponse('/cb?code=SECRETCODE&state=evil', { state: 's1' })
      } catch (error) {
        return error as StateMismatchError
      }
    })()
    expect(e?.message).toBe('mismatching_state: CSRF Warning! State not equal in request and response.')
    expect(e?.message).not.toContain('SECRETCODE')
  })

  test('RFC 9207: a wrong iss is refused, a missing one only when the server promised it', () => {
    expect(() =>
      parseAuthorizationResponse('/cb?code=a&state=s&iss=https%3A%2F%2Fevil', {
        state: 's',
        issuer: 'https://op',
      }),
    ).toThrow(IssuerMismatchError)
    expect(parseAuthorizationResponse('/cb?code=a&state=s', { state: 's', issuer: 'https://op' }).code).toBe(
      'a',
    )
    expect(() =>
      parseAuthorizationResponse('/cb?code=a&state=s', {
        state: 's',
        issuer: 'https://op',
        requireIssuer: true,
      }),
    ).toThrow(IssuerMismatchError)
  })

  test('an error response becomes an OAuthError; a response without code is invalid', () => {
    try {
      parseAuthorizationResponse('/cb?error=access_denied&error_description=User+said+no&state=s', {
        state: 's',
      })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(OAuthError)
      expect((error as OAuthError).message).toBe('access_denied: User said no')
    }
    expect(() => parseAuthorizationResponse('/cb?state=s', { state: 's' })).toThrow(/invalid_request/)
  })

  test('reads the fragment for fragment response modes', () => {
    expect(parseAuthorizationResponse('http://127.0.0.1/cb#code=frag&state=s', { state: 's' }).code).toBe(
      'frag',
    )
  })
})
