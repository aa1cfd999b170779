/** Latency statistics from every request's own time, so p95 is exact rather than read off autocannon's buckets. */
export interface Latency {
  n: number
  medianMs: number
  p95Ms: number
  meanMs: number
  maxMs: number
}

/** The nearest-rank percentile (p in 0–100) of values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] as number
}

const round = (n: number) => Math.round(n * 100) / 100

export function latency(values: readonly number[]): Latency {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0
  return {
    n: values.length,
    medianMs: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    meanMs: round(mean),
    maxMs: round(values.reduce((a, b) => Math.max(a, b), 0)),
  }
}
