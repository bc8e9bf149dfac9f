import { createHash } from 'node:crypto'
import {
  EmbeddedJWK,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose'
import { expect, test } from 'vitest'
import { DPoPSigner, wantsDPoPNonce } from '../src/dpop.js'

test('a proof carries typ, the public JWK only, htm, htu without query, iat, jti and ath', async () => {
  const signer = new DPoPSigner()
  const proof = await signer.proof('get', 'https://rs.example/api/items?x=1#frag', 'AT')
  const header = decodeProtectedHeader(proof)
  expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' })
  expect(header.jwk).not.toHaveProperty('d')
  const { payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt' })
  expect(payload).toMatchObject({ htm: 'GET', htu: 'https://rs.example/api/items' })
  expect(payload.ath).toBe(createHash('sha256').update('AT').digest('base64url'))
  expect(payload.jti).toBeTypeOf('string')
  expect(await signer.thumbprint()).toBe(await calculateJwkThumbprint(header.jwk!))
  const again = await signer.proof('POST', 'https://rs.example/token')
  expect(decodeProtectedHeader(again).jwk).toEqual(header.jwk)
})

test('server nonces are remembered per origin', async () => {
  const signer = new DPoPSigner()
  expect(signer.observe('https://as.example/token', 'n1')).toBe(true)
  expect(signer.observe('https://as.example/other', 'n1')).toBe(false)
  const { payload } = await jwtVerify(await signer.proof('POST', 'https://as.example/token'), EmbeddedJWK)
  expect(payload.nonce).toBe('n1')
  const { payload: other } = await jwtVerify(await signer.proof('POST', 'https://rs.example/x'), EmbeddedJWK)
  expect(other.nonce).toBeUndefined()
})

test('a given key pair is used (private parts never in the header)', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const signer = new DPoPSigner({
    privateKey: await exportJWK(privateKey),
    publicKey: await exportJWK(privateKey),
  })
  const proof = await signer.proof('POST', 'https://as.example/token')
  const header = decodeProtectedHeader(proof)
  expect(header.alg).toBe('RS256')
  expect(header.jwk).toEqual(await exportJWK(publicKey))
})

test('nonce challenges are recognised', () => {
  expect(wantsDPoPNonce(400, null, '{"error":"use_dpop_nonce"}')).toBe(true)
  expect(wantsDPoPNonce(401, 'DPoP error="use_dpop_nonce"', '')).toBe(true)
  expect(wantsDPoPNonce(401, 'DPoP error="invalid_token"', '')).toBe(false)
  expect(wantsDPoPNonce(400, null, '{"error":"invalid_grant"}')).toBe(false)
})
