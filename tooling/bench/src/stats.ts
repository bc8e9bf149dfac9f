/** Small statistics helpers: medians of rounds, latency percentiles. */

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  const a = sorted[lo] ?? Number.NaN
  const b = sorted[hi] ?? Number.NaN
  return a + (b - a) * (pos - lo)
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  )
}

export function geomean(values: readonly number[]): number {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0)
  if (usable.length === 0) return Number.NaN
  return Math.exp(usable.reduce((sum, v) => sum + Math.log(v), 0) / usable.length)
}

/**
 * The ratio of two clients measured in alternating rounds: the median of the per-round ratios, so that load
 * from elsewhere on the machine, which drifts over seconds, cancels out between neighbours in time. Falls back
 * to the ratio of medians when the round counts differ (a client failed midway).
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return Number.NaN
  if (a.length !== b.length) return median(a) / median(b)
  return median(a.map((x, i) => x / (b[i] ?? Number.NaN)))
}

export const MiB = 1024 * 1024

/** Samples process RSS so a round can report its peak without a sampler per request. */
export class RssSampler {
  #peak = 0
  #timer: NodeJS.Timeout | undefined

  start(intervalMs = 20): void {
    this.#timer = setInterval(() => this.sample(), intervalMs)
    this.#timer.unref()
  }

  sample(): void {
    const rss = process.memoryUsage.rss()
    if (rss > this.#peak) this.#peak = rss
  }

  reset(): void {
    this.#peak = 0
    this.sample()
  }

  get peak(): number {
    this.sample()
    return this.#peak
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}
