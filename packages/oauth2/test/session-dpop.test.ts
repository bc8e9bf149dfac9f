import { createHash } from 'node:crypto'
import { EmbeddedJWK, jwtVerify } from 'jose'
import { expect, test } from 'vitest'
import { OAuth2Session } from '../src/index.js'
import { json, startScriptedServer } from './helpers/scripted-server.js'

/** A resource server that verifies each DPoP proof (listed in `proofs`) and asks for a nonce first. */
async function startDpopApi() {
  const proofs: Array<Record<string, unknown>> = []
  const server = await startScriptedServer({
    '/api/items': async (req, res) => {
      const proof = String(req.headers.dpop ?? '')
      const { payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt' })
      proofs.push(payload)
      if (payload.nonce !== 'server-nonce-1') {
        res.writeHead(401, {
          'www-authenticate': 'DPoP error="use_dpop_nonce"',
          'dpop-nonce': 'server-nonce-1',
        })
        res.end()
        return
      }
      json(res, 200, { authorization: req.headers.authorization })
    },
  })
  return Object.assign(server, { proofs })
}

test('a DPoP-bound token is sent with a proof; a resource server nonce is retried once', async () => {
  await using server = await startDpopApi()
  const { proofs } = server
  await using client = new OAuth2Session({
    clientId: 'c',
    dpop: true,
    token: { access_token: 'dpop-bound-at', token_type: 'DPoP', expires_in: 300 },
  })
  const r = await client.get(`${server.url}/api/items?page=2`)
  expect(r.statusCode).toBe(200)
  expect(r.json()).toEqual({ authorization: 'DPoP dpop-bound-at' })
  expect(proofs).toHaveLength(2)
  for (const proof of proofs) {
    expect(proof).toMatchObject({ htm: 'GET', htu: `${server.url}/api/items` })
    expect(proof.ath).toBe(createHash('sha256').update('dpop-bound-at').digest('base64url'))
  }
  expect(proofs[0]!.jti).not.toBe(proofs[1]!.jti)
  // The nonce is remembered: the next request needs no retry.
  await client.get(`${server.url}/api/items`)
  expect(proofs).toHaveLength(3)
})
