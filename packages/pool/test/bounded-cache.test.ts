import { describe, expect, test } from 'vitest'
import { BoundedCache, ERR_INVALID_ARG_VALUE } from '../src/index.js'

describe('BoundedCache', () => {
  test('a key set is a hit; a key never set, or deleted, is a miss', () => {
    const cache = new BoundedCache<string, number>(4)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.has('a')).toBe(false)
    expect(cache.set('a', 1)).toBe(cache)
    expect(cache.get('a')).toBe(1)
    expect(cache.has('a')).toBe(true)
    expect(cache.delete('a')).toBe(true)
    expect(cache.delete('a')).toBe(false)
    expect(cache.get('a')).toBeUndefined()
  })

  test('keeps the very object it was given (callers share it)', () => {
    const cache = new BoundedCache<string, URL>(2)
    const url = new URL('http://example.test/')
    cache.set(url.href, url)
    expect(cache.get(url.href)).toBe(url)
  })

  test('a new key on a full cache empties it first, then is kept', () => {
    const cache = new BoundedCache<string, number>(3)
    cache.set('a', 1).set('b', 2).set('c', 3)
    expect(cache.size).toBe(3)
    cache.set('d', 4)
    expect(cache.size).toBe(1)
    expect(cache.get('d')).toBe(4)
    for (const gone of ['a', 'b', 'c']) expect(cache.has(gone)).toBe(false)
  })

  test('replacing a kept key on a full cache keeps the others', () => {
    const cache = new BoundedCache<string, number>(2)
    cache.set('a', 1).set('b', 2)
    cache.set('a', 10)
    expect(cache.size).toBe(2)
    expect(cache.get('a')).toBe(10)
    expect(cache.get('b')).toBe(2)
  })

  test('a stream of distinct keys never grows it past maxSize', () => {
    const cache = new BoundedCache<string, number>(64)
    let largest = 0
    for (let i = 0; i < 10_000; i++) {
      cache.set(`key-${i}`, i)
      largest = Math.max(largest, cache.size)
      expect(cache.get(`key-${i}`)).toBe(i)
    }
    expect(largest).toBe(64)
    expect(cache.size).toBeLessThanOrEqual(64)
  })

  test('clear forgets every entry', () => {
    const cache = new BoundedCache<string, true>(8)
    cache.set('GET', true).set('POST', true)
    cache.clear()
    expect(cache.size).toBe(0)
    expect(cache.has('GET')).toBe(false)
  })

  test('maxSize must be a positive integer: a TypeError naming it', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '8' as unknown as number]) {
      expect(() => new BoundedCache(bad)).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          code: ERR_INVALID_ARG_VALUE,
          message: '"maxSize" must be a positive integer',
        }),
      )
    }
    expect(new BoundedCache(1).maxSize).toBe(1)
  })
})
