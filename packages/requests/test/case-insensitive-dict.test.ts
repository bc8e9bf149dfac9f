import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { CaseInsensitiveDict } from '../src/index.js'

// Ported from requests' tests/test_structures.py (TestCaseInsensitiveDict).
describe('CaseInsensitiveDict', () => {
  const make = () => new CaseInsensitiveDict({ Accept: 'application/json', 'user-Agent': 'requests' })

  it('len, get and has are case-insensitive', () => {
    const d = make()
    expect(d.size).toBe(2)
    expect(d.get('accept')).toBe('application/json')
    expect(d.get('ACCEPT')).toBe('application/json')
    expect(d.has('USER-AGENT')).toBe(true)
    expect(d.get('missing')).toBeUndefined()
  })

  it('keeps the last-set key case and replaces case variants', () => {
    const d = make()
    d.set('ACCEPT', 'text/html')
    expect(d.size).toBe(2)
    expect([...d.keys()]).toEqual(['ACCEPT', 'user-Agent'])
    expect(d.get('accept')).toBe('text/html')
  })

  it('delete is case-insensitive', () => {
    const d = make()
    expect(d.delete('ACCEPT')).toBe(true)
    expect(d.has('Accept')).toBe(false)
    expect(d.delete('accept')).toBe(false)
  })

  it('lowerEntries lower-cases the keys', () => {
    expect([...make().lowerEntries()]).toEqual([
      ['accept', 'application/json'],
      ['user-agent', 'requests'],
    ])
  })

  it('copy is independent and equal', () => {
    const d = make()
    const c = d.copy()
    expect(c.equals(d)).toBe(true)
    c.set('x', '1')
    expect(d.has('x')).toBe(false)
    expect(c.equals(d)).toBe(false)
  })

  it('a copy shares nothing observable: every change on either side stays there (copy on write)', () => {
    const d = make()
    const c = d.copy()
    // the original changes first: the copy keeps the old entries
    d.set('Accept', 'text/html')
    expect(c.get('accept')).toBe('application/json')
    expect(d.get('accept')).toBe('text/html')
    // deleting an absent key changes nothing and reports false on a shared store
    const e = c.copy()
    expect(e.delete('x-absent')).toBe(false)
    expect(e.delete('USER-AGENT')).toBe(true)
    expect(c.get('user-agent')).toBe('requests')
    expect([...e.keys()]).toEqual(['Accept'])
    // clear() on a copy leaves its source whole
    const f = c.copy()
    f.clear()
    expect(f.size).toBe(0)
    expect(c.size).toBe(2)
    f.set('a', '1')
    expect(c.has('a')).toBe(false)
    // a copy of a copy, changed through update(), leaves both ancestors alone
    const g = e.copy()
    g.update({ 'X-New': '1' })
    expect(e.has('x-new')).toBe(false)
    expect(c.has('x-new')).toBe(false)
  })

  it('equals compares case-insensitively against objects', () => {
    expect(make().equals({ ACCEPT: 'application/json', 'User-Agent': 'requests' })).toBe(true)
    expect(make().equals({ ACCEPT: 'application/json' })).toBe(false)
  })

  it('builds from pairs and skips undefined object values', () => {
    expect(new CaseInsensitiveDict([['a', '1']]).get('A')).toBe('1')
    expect(new CaseInsensitiveDict<string>({ a: undefined }).size).toBe(0)
  })

  it('toJSON preserves case; inspect redacts credentials', () => {
    const d = new CaseInsensitiveDict({ Authorization: 'Bearer s3cr3t', Cookie: 'sid=abc', X: 'y' })
    expect(JSON.stringify(d)).toBe('{"Authorization":"Bearer s3cr3t","Cookie":"sid=abc","X":"y"}')
    const shown = inspect(d)
    expect(shown).not.toContain('s3cr3t')
    expect(shown).not.toContain('abc')
    expect(shown).toContain("X: 'y'")
  })
})
