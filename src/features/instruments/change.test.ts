import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cohortChange, cohortChangeFromSums } from './change.js'
import { hundredths } from './scoring/numbers.js'

/* The report's change from sums (issue 9) against the pair-by-pair rule it stands in for. */

/** A deterministic stream of pseudo-random numbers in [0, 1). */
function stream(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const sumsOf = (pairs: { baseline: number; followUp: number }[]) => {
  const d = pairs.map((p) => hundredths(p.followUp) - hundredths(p.baseline))
  return { paired: d.length, sum: d.reduce((a, b) => a + b, 0), sumOfSquares: d.reduce((a, b) => a + b * b, 0) }
}

describe('cohortChangeFromSums', () => {
  it('gives the mean change and interval cohortChange gives, for cohorts of every size', () => {
    const random = stream(7)
    for (const n of [0, 1, 2, 3, 10, 29, 30, 31, 250, 5000, 60000]) {
      for (const series of [
        { id: 'wemwbs' as const, key: 'total', low: 14, high: 70, step: 1 },
        { id: 'swemwbs' as const, key: 'metric', low: 7, high: 35, step: 0.01 },
        { id: 'eq5d5l' as const, key: 'vas', low: 0, high: 100, step: 1 },
      ]) {
        const score = () => Math.round((series.low + random() * (series.high - series.low)) / series.step) * series.step
        const pairs = Array.from({ length: n }, () => ({ baseline: Math.round(score() * 100) / 100, followUp: Math.round(score() * 100) / 100 }))
        const expected = cohortChange(series.id, pairs, series.key)
        const actual = cohortChangeFromSums(sumsOf(pairs))
        assert.deepEqual(actual, { paired: expected.paired, meanChange: expected.meanChange, ci95: expected.ci95 }, `${series.id}, ${n} pairs`)
      }
    }
  })

  it('has no interval for one pair and nothing for none', () => {
    assert.deepEqual(cohortChangeFromSums({ paired: 0, sum: 0, sumOfSquares: 0 }), { paired: 0, meanChange: null, ci95: null })
    assert.deepEqual(cohortChangeFromSums({ paired: 1, sum: 250, sumOfSquares: 62500 }), { paired: 1, meanChange: 2.5, ci95: null })
  })

  it('keeps the variance exact where the sums pass 2^53', () => {
    // 100,000 changes of ±100 points (EQ-5D VAS), half up and half down: variance exactly 10,000 × 100,000 / 99,999.
    const n = 100_000
    const r = cohortChangeFromSums({ paired: n, sum: 0, sumOfSquares: n * 10_000 ** 2 })
    assert.equal(r.meanChange, 0)
    const half = r.ci95?.[1] ?? 0
    assert.ok(Math.abs(half - 1.96 * Math.sqrt(n / (n - 1)) * 100 / Math.sqrt(n)) < 0.01, `half width ${half}`)
  })
})
