// Issue 14: FetchTokenOptions has no index signature; extra form fields go in `extraParams`, any other key is an
// error before anything is sent (`{ scopes: [...] }` or `{ clientSecret }` used to go on the wire as form fields).
import { createServer } from 'node:http'
import { expect, test } from 'vitest'
import { OAuth2Session } from '../src/index.js'

test('unknown fetchToken options are refused; extraParams go on the wire as given', async () => {
  const bodies: string[] = []
  await using server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c))
    req.on('end', () => {
      bodies.push(body)
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"access_token":"t","token_type":"Bearer"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/token`
  await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's' })
  const error = await client.fetchToken(url, { scopes: ['a'] } as never).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TypeError)
  expect((error as Error).message).toContain('"options.scopes" is not a known option')
  expect(bodies).toEqual([])
  const token = await client.fetchToken(url, {
    grantType: 'client_credentials',
    extraParams: { acr_values: 'mfa' },
  })
  expect(new URLSearchParams(bodies[0]).get('acr_values')).toBe('mfa')
  expect(token.get('token_type')).toBe('Bearer')
  expect(token.get('nothing')).toBeUndefined()
})
