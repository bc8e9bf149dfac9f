import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { inServerOrder, OAuth2Token } from '../src/token.js'

describe('OAuth2Token', () => {
  test('keeps wire names and computes expires_at from expires_in', () => {
    const now = Date.UTC(2030, 0, 1)
    const token = new OAuth2Token(
      { access_token: 'a', token_type: 'Bearer', expires_in: 300, refresh_token: 'r', session_state: 's' },
      now,
    )
    expect(token.access_token).toBe('a')
    expect(token.expires_at).toBe(now / 1000 + 300)
    expect(token.session_state).toBe('s')
    expect(token.refresh_token).toBe('r')
  })

  test('keeps a given expires_at and accepts numeric strings', () => {
    expect(new OAuth2Token({ access_token: 'a', expires_at: 123, expires_in: 300 }).expires_at).toBe(123)
    const t = new OAuth2Token({ access_token: 'a', expires_in: '60' as unknown as number })
    expect(t.expires_in).toBe(60)
    expect(t.token_type).toBe('Bearer')
  })

  test('isExpired honours the leeway (milliseconds) and is undefined without an expiry', () => {
    const soon = new OAuth2Token({ access_token: 'a', expires_in: 30 })
    expect(soon.isExpired()).toBe(true) // default leeway 60 s
    expect(soon.isExpired(0)).toBe(false)
    expect(soon.isExpired(29_000)).toBe(false)
    expect(
      new OAuth2Token({ access_token: 'a', expires_at: Math.floor(Date.now() / 1000) - 1 }).isExpired(0),
    ).toBe(true)
    expect(new OAuth2Token({ access_token: 'a' }).isExpired()).toBeUndefined()
  })

  test('inspect hides secrets, JSON keeps them for persistence', () => {
    const token = new OAuth2Token({
      access_token: 'AT-SECRET',
      refresh_token: 'RT-SECRET',
      id_token: 'IT-SECRET',
      expires_in: 5,
    })
    const shown = inspect(token)
    expect(shown).toMatch(/^OAuth2Token /)
    for (const secret of ['AT-SECRET', 'RT-SECRET', 'IT-SECRET']) expect(shown).not.toContain(secret)
    expect(shown).toContain('[REDACTED]')
    expect(shown).toContain('expires_in: 5')
    expect(inspect({ nested: token })).not.toContain('AT-SECRET')
    const restored = new OAuth2Token(JSON.parse(JSON.stringify(token)))
    expect(restored.access_token).toBe('AT-SECRET')
    expect(restored.expires_at).toBe(token.expires_at)
  })
})

describe('OAuth2Token expiry fields as Authlib (issue 13)', () => {
  const now = Date.UTC(2030, 0, 1)
  test('a float expires_at is truncated to whole seconds, a numeric string parsed', () => {
    expect(new OAuth2Token({ access_token: 'a', expires_at: 1893456000.9 }, now).expires_at).toBe(1893456000)
    expect(new OAuth2Token({ access_token: 'a', expires_at: ' 42 ' as unknown as number }).expires_at).toBe(
      42,
    )
    expect(new OAuth2Token({ access_token: 'a', expires_in: 30.7 }, now).expires_at).toBe(now / 1000 + 30)
  })

  test('a junk expires_at is dropped (expires_in used instead) so isExpired() answers', () => {
    const junk = new OAuth2Token({
      access_token: 'a',
      expires_at: 'soon' as unknown as number,
      expires_in: 300,
    })
    expect(junk.expires_at).toBeTypeOf('number')
    expect(junk.isExpired()).toBe(false)
    const float = new OAuth2Token({ access_token: 'a', expires_at: Date.now() / 1000 + 3600.5 })
    expect(Number.isInteger(float.expires_at)).toBe(true)
    expect(float.isExpired()).toBe(false)
    const alone = new OAuth2Token({ access_token: 'a', expires_at: '1.5e9' as unknown as number })
    expect('expires_at' in alone).toBe(false)
  })

  test('expires_in: 0 means no expiry, not "already expired"', () => {
    const token = new OAuth2Token({ access_token: 'a', expires_in: 0 }, now)
    expect(token.expires_at).toBeUndefined()
    expect(token.isExpired()).toBeUndefined()
    expect(token.expires_in).toBe(0)
  })

  test("inServerOrder keeps the server's field order, schema defaults last", () => {
    const raw = { refresh_token: 'r', access_token: 'a', custom: 1, expires_in: 60 }
    const validated = {
      access_token: 'a',
      token_type: 'Bearer',
      expires_in: 60,
      refresh_token: 'r',
      custom: 1,
    }
    const token = new OAuth2Token(inServerOrder(raw, validated), now)
    expect(Object.keys(token)).toEqual([
      'refresh_token',
      'access_token',
      'custom',
      'expires_in',
      'token_type',
      'expires_at',
    ])
  })
})
