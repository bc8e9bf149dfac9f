import { describe, expect, test } from 'vitest'
import { RENEWAL_BACKOFF_MAX, RENEWAL_BACKOFF_MAX_EXPIRED, RenewalBackoff } from '../src/renewal-backoff.js'

/** The waits a backoff asks for after `n` failures in a row at `now`, with the given random draw. */
function waits(n: number, random: number, expiresAt: number, now = 0): number[] {
  const backoff = new RenewalBackoff(() => random)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    backoff.failed(new Error('down'), now, expiresAt)
    let wait = 0
    while (backoff.waiting(now + wait)) wait += 1
    out.push(wait)
  }
  return out
}

describe('RenewalBackoff', () => {
  test('doubles from 1 s, half of each wait random, capped at 30 s while the token is valid', () => {
    const far = 10 * 60_000
    expect(waits(7, 0, far)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000])
    expect(waits(7, 0.999_999, far)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000])
    expect(Math.max(...waits(12, 0.999_999, far))).toBeLessThanOrEqual(RENEWAL_BACKOFF_MAX)
  })

  test('never waits past the expiry of a still-valid token', () => {
    expect(waits(4, 0.999_999, 3_000)).toEqual([1_000, 2_000, 3_000, 3_000])
  })

  test('once the token has expired the wait is capped at 5 s', () => {
    expect(waits(6, 0.999_999, 0, 10)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000])
    expect(RENEWAL_BACKOFF_MAX_EXPIRED).toBe(5_000)
  })

  test('a success forgets the failures', () => {
    const backoff = new RenewalBackoff(() => 0.5)
    backoff.failed(new Error('down'), 0, 60_000)
    expect(backoff.waiting(100)).toBe(true)
    backoff.succeeded()
    expect(backoff.waiting(100)).toBe(false)
    expect(backoff.failures).toBe(0)
  })
})
