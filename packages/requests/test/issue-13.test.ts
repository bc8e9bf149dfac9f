import { type RunningHttpbin, startHttpbin } from '@x/testserver'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Session } from '../src/index.js'

// Issue 13: parity with requests 2.34 (also checked through tooling/oracle).
let hb: RunningHttpbin
beforeAll(async () => {
  hb = await startHttpbin()
})
afterAll(() => hb.close())

describe('cookies', () => {
  test('a per-request cookie is sent after a jar cookie of the same name (requests: x=jar; x=req)', async () => {
    await using s = new Session()
    await s.get(`${hb.url}/cookies/set?x=jar`)
    expect(s.cookies.get('x')).toBe('jar')
    const r = await s.get(`${hb.url}/headers`, { cookies: { x: 'req', y: '1' } })
    expect((r.json() as { headers: Record<string, string> }).headers.Cookie).toBe('x=jar; x=req; y=1')
    // the session's jar is not changed by a per-request cookie
    expect(s.cookies.getDict()).toEqual({ x: 'jar' })
  })
})
