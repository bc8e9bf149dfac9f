import { once } from 'node:events'
import { mkdtempDisposable } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { OAuth2Session } from '../src/index.js'

describe('pool options through an OAuth2Session (issue 11)', () => {
  test.skipIf(process.platform === 'win32')(
    'adapterOptions.socketPath carries the token request and the API calls over a Unix socket',
    async () => {
      await using dir = await mkdtempDisposable(join(tmpdir(), 'x-oauth2-'))
      const socketPath = join(dir.path, 'op.sock')
      await using server = createServer((req, res) => {
        res.setHeader('content-type', 'application/json')
        if (req.url === '/token') {
          res.end(JSON.stringify({ access_token: 'at-1', token_type: 'Bearer', expires_in: 300 }))
        } else res.end(JSON.stringify({ auth: req.headers.authorization ?? null, host: req.headers.host }))
      })
      server.listen(socketPath)
      await once(server, 'listening')
      await using client = new OAuth2Session({
        clientId: 'c',
        clientSecret: 's',
        adapterOptions: { socketPath, poolMaxsize: 2 },
      })
      await client.fetchToken('http://op.local/token', { grantType: 'client_credentials' })
      const r = await client.get('http://op.local/api')
      expect(r.json()).toEqual({ auth: 'Bearer at-1', host: 'op.local' })
    },
  )

  test('bad adapter options are TypeErrors naming the option', () => {
    expect(() => new OAuth2Session({ clientId: 'c', adapterOptions: { allowH2: 'no' as never } })).toThrow(
      /"options.adapterOptions.allowH2" must be a boolean/,
    )
  })
})
