import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CaseInsensitiveDict, Request } from '../src/index.js'
import { shouldStripAuth } from '../src/session/redirects.js'
import { redactUrl } from '@x/pool'
import { translatePoolError } from '../src/errors/translate-pool-error.js'
import * as pool from '@x/pool'

const token = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/)

describe('properties', () => {
  it('CaseInsensitiveDict: the last set wins whatever the case; size counts distinct lower-cased keys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(token, fc.string()), { maxLength: 20 }), (pairs) => {
        const d = new CaseInsensitiveDict<string>()
        const model = new Map<string, string>()
        for (const [k, v] of pairs) {
          d.set(k, v)
          model.set(k.toLowerCase(), v)
        }
        expect(d.size).toBe(model.size)
        for (const [k, v] of model) expect(d.get(k.toUpperCase())).toBe(v)
      }),
    )
  })

  it('params survive a round trip through the prepared URL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(token, fc.string({ maxLength: 20 }), { maxKeys: 8 }), async (params) => {
        const p = await new Request('GET', 'http://example.test/path', { params }).prepare()
        const back = Object.fromEntries(new URL(p.url).searchParams)
        expect(back).toEqual(params)
      }),
    )
  })

  it('URL credentials never survive redaction or error translation', () => {
    fc.assert(
      fc.property(token, token, (user, pass) => {
        const secret = `${pass}SECRET`
        const url = `http://${user}:${secret}@127.0.0.1:1/x`
        expect(redactUrl(url)).not.toContain(secret)
        const e = translatePoolError(
          new pool.NewConnectionError(`could not connect to ${url}`),
          'send',
        ) as Error
        expect(e.message).not.toContain(secret)
      }),
    )
  })

  it('shouldStripAuth is false for the same origin and true when the host changes', () => {
    fc.assert(
      fc.property(token, token, fc.integer({ min: 1, max: 65535 }), (a, b, port) => {
        const h1 = `${a.toLowerCase()}.test`
        const h2 = `${b.toLowerCase()}.other`
        expect(shouldStripAuth(`http://${h1}:${port}/x`, `http://${h1}:${port}/y`)).toBe(false)
        expect(shouldStripAuth(`https://${h1}/x`, `https://${h2}/x`)).toBe(true)
      }),
    )
  })
})
