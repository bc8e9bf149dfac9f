import { expect, test } from 'vitest'
import { createCodeVerifier, createS256CodeChallenge, generateToken } from '../src/pkce.js'

test('S256 challenge matches RFC 7636 appendix B', () => {
  expect(createS256CodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  )
})

test('verifiers are 43-128 unreserved characters and differ each time', () => {
  const v = createCodeVerifier()
  expect(v).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/)
  expect(createCodeVerifier(32)).toHaveLength(43)
  expect(createCodeVerifier(96)).toHaveLength(128)
  expect(createCodeVerifier()).not.toBe(v)
  expect(() => createCodeVerifier(16)).toThrow(RangeError)
})

test('generateToken is url-safe random', () => {
  expect(generateToken()).toMatch(/^[\w-]{43}$/)
  expect(generateToken(16)).toHaveLength(22)
  expect(generateToken()).not.toBe(generateToken())
})
