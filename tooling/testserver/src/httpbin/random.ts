import { randomBytes } from 'node:crypto'

/** mulberry32: a tiny deterministic generator, so `?seed=` gives the same bytes every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** `n` bytes: random, or deterministic for a given integer seed. */
export function someBytes(n: number, seed?: string): Buffer {
  if (seed === undefined || !/^-?\d+$/.test(seed)) return randomBytes(n)
  const next = seeded(Number(seed))
  const out = Buffer.allocUnsafe(n)
  for (let i = 0; i < n; i += 4) {
    const value = next()
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (value >>> (j * 8)) & 0xff
  }
  return out
}
