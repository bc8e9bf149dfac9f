import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { HTTPHeaderDict } from '../src/index.js'

describe('HTTPHeaderDict', () => {
  test('is case-insensitive, multi-valued and keeps insertion order and first spelling', () => {
    const h = new HTTPHeaderDict({ 'Content-Type': 'text/plain', Accept: ['a', 'b'] })
    h.add('set-cookie', 'a=1')
    h.add('Set-Cookie', 'b=2')
    expect(h.get('content-type')).toBe('text/plain')
    expect(h.get('ACCEPT')).toBe('a, b')
    expect(h.getAll('SET-COOKIE')).toEqual(['a=1', 'b=2'])
    expect([...h.keys()]).toEqual(['Content-Type', 'Accept', 'set-cookie'])
    expect([...h]).toEqual([
      ['Content-Type', 'text/plain'],
      ['Accept', 'a'],
      ['Accept', 'b'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ])
    expect([...h.itermerged()]).toContainEqual(['Accept', 'a, b'])
    expect(h.size).toBe(3)
    expect(h.toJSON()).toEqual({ 'Content-Type': 'text/plain', Accept: 'a, b', 'set-cookie': 'a=1, b=2' })
  })

  test('set replaces, delete removes, has/get on missing names', () => {
    const h = new HTTPHeaderDict([
      ['X-A', '1'],
      ['x-a', '2'],
    ])
    h.set('X-a', '3')
    expect(h.getAll('x-a')).toEqual(['3'])
    expect(h.delete('X-A')).toBe(true)
    expect(h.delete('X-A')).toBe(false)
    expect(h.has('x-a')).toBe(false)
    expect(h.get('x-a')).toBeUndefined()
    expect(h.getAll('x-a')).toEqual([])
  })

  test('copy is deep and constructing from a dict keeps every value', () => {
    const h = new HTTPHeaderDict()
    h.add('A', '1')
    h.add('a', '2')
    const c = h.copy()
    c.add('a', '3')
    expect(h.getAll('a')).toEqual(['1', '2'])
    expect(new HTTPHeaderDict(h).getAll('a')).toEqual(['1', '2'])
    expect(c.getAll('A')).toEqual(['1', '2', '3'])
  })

  test('undefined values in a record are skipped', () => {
    expect(new HTTPHeaderDict({ a: undefined, b: 'x' }).size).toBe(1)
  })

  test.each([
    ['X-Bad', 'a\r\nInjected: 1'],
    ['X-Bad', 'a\nb'],
    ['X-Bad', 'nul\0'],
    ['Bad Name', 'v'],
    ['Bad\r\nName', 'v'],
    ['', 'v'],
  ])('rejects CR/LF/controls: %j: %j', (name, value) => {
    const h = new HTTPHeaderDict()
    expect(() => h.set(name, value)).toThrow(TypeError)
    expect(() => h.add(name, value)).toThrow(TypeError)
    expect(() => new HTTPHeaderDict({ [name]: value })).toThrow(TypeError)
  })

  test('the error names the header, never the value', () => {
    try {
      new HTTPHeaderDict({ Authorization: 'Bearer secret\r\nX: y' })
      expect.unreachable()
    } catch (error) {
      expect((error as { code: string }).code).toBe('ERR_INVALID_CHAR')
      expect(String(error)).toContain('Authorization')
      expect(String(error)).not.toContain('secret')
    }
  })

  test('inspect redacts credentials', () => {
    const h = new HTTPHeaderDict({ Authorization: 'Bearer tok3n', Cookie: 'sid=s3cret', Accept: '*/*' })
    const shown = inspect(h)
    expect(shown).not.toContain('tok3n')
    expect(shown).not.toContain('s3cret')
    expect(shown).toContain('*/*')
  })

  test('a response dict built from raw headers answers lookups before and after its entries are built', () => {
    const wire = [
      'Set-Cookie',
      'a=1',
      'LOCATION',
      '/next',
      'set-cookie',
      'b=2',
      'X-Long-Name',
      'x',
      'Content-Type',
      'text/plain',
    ]
    const raw = () => wire.map((v) => Buffer.from(v, 'latin1'))
    const h = HTTPHeaderDict.fromRaw(raw())
    expect(h.getAll('set-cookie')).toEqual(['a=1', 'b=2'])
    expect(h.get('Set-Cookie')).toBe('a=1, b=2')
    expect(h.get('location')).toBe('/next')
    expect(h.has('Location')).toBe(true)
    expect(h.has('locatioN ')).toBe(false)
    expect(h.has('x-long-namE')).toBe(true)
    expect(h.get('missing')).toBeUndefined()
    expect(h.getAll('missing')).toEqual([])
    // The first spelling of each name is kept once the entries are built.
    expect([...h.keys()]).toEqual(['Set-Cookie', 'LOCATION', 'X-Long-Name', 'Content-Type'])
    expect(h.get('set-cookie')).toBe('a=1, b=2')
    const m = HTTPHeaderDict.fromRaw(raw())
    m.add('set-cookie', 'c=3')
    expect(m.getAll('Set-Cookie')).toEqual(['a=1', 'b=2', 'c=3'])
    expect(m.size).toBe(4)
    const d = HTTPHeaderDict.fromRaw(raw())
    expect(d.delete('set-cookie')).toBe(true)
    expect(d.getAll('set-cookie')).toEqual([])
    expect(HTTPHeaderDict.fromRaw(raw()).toJSON()).toEqual({
      'Set-Cookie': 'a=1, b=2',
      LOCATION: '/next',
      'X-Long-Name': 'x',
      'Content-Type': 'text/plain',
    })
    expect(inspect(HTTPHeaderDict.fromRaw(raw()))).not.toContain('a=1')
    // A repeated get is answered from the last lookup, until a change builds the entries.
    const r = HTTPHeaderDict.fromRaw(raw())
    const first = r.get('location')
    expect(r.get('location')).toBe(first)
    expect(r.get('missing')).toBeUndefined()
    expect(r.get('missing')).toBeUndefined()
    r.set('Location', '/changed')
    expect(r.get('location')).toBe('/changed')
    const s = HTTPHeaderDict.fromRaw(raw())
    expect(s.get('location')).toBe('/next')
    expect(s.delete('LOCATION')).toBe(true)
    expect(s.get('location')).toBeUndefined()
  })
})
