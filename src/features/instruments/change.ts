import type { Change, Headline, InstrumentId } from './contract.js'
import { atLeast, difference, mean, roundTo, sampleSd, tQuantile } from './scoring/numbers.js'
import { rulesOf } from './scoring/index.js'

/*
 * Change between two measures, for one person and for a cohort. Thresholds are "at least" (REPORT.md: "≥3",
 * "≥1.03"), applied to the change in the better direction; scores are compared in hundredths so float noise
 * cannot move a change across a threshold.
 */

/** Individual change per series (metric scores for SWEMWBS). Change is follow-up − baseline, as scored. */
export function changeBetween(id: InstrumentId, baseline: Headline, followUp: Headline): Change[] {
  return rulesOf(id).series.map((s) => {
    const b = baseline.scores[s.key]?.value ?? null
    const f = followUp.scores[s.key]?.value ?? null
    const change = b === null || f === null ? null : difference(b, f)
    const better = change === null ? null : s.higherIsBetter ? change : -change
    const threshold = s.meaningfulChange
    return {
      series: s.key,
      baseline: b,
      followUp: f,
      change,
      meetsLenient: threshold && better !== null ? atLeast(better, threshold.lenient) : null,
      meetsStrict: threshold && better !== null ? atLeast(better, threshold.strict) : null,
    }
  })
}

export interface CohortPair {
  baseline: number | null
  followUp: number | null
}

export interface CohortChange {
  series: string
  /** People with a score at both time points; only they are counted. */
  paired: number
  meanBaseline: number | null
  meanFollowUp: number | null
  meanChange: number | null
  /** 95% confidence interval of the mean paired change (paired t); null with fewer than 2 pairs. */
  ci95: [number, number] | null
  /** Share (0–1) of the pairs whose change meets the published individual thresholds; null where none is published. */
  shareMeetingLenient: number | null
  shareMeetingStrict: number | null
  /** Warwick suggests at least 30 people with data at both time points before reading a group change. */
  belowRecommendedSize: boolean
}

/**
 * Group change for reports: mean change with a paired t interval (Warwick's method for WEMWBS/SWEMWBS). Pass the
 * series' scores per person (for SWEMWBS the METRIC scores: cohorts average metric, never raw, scores).
 */
export function cohortChange(id: InstrumentId, pairs: readonly CohortPair[], seriesKey?: string): CohortChange {
  const rules = rulesOf(id)
  const s = rules.series.find((x) => x.key === (seriesKey ?? rules.primary)) ?? null
  const key = s?.key ?? seriesKey ?? rules.primary ?? ''
  const complete = pairs.filter((p): p is { baseline: number; followUp: number } => p.baseline !== null && p.followUp !== null)
  const n = complete.length
  const empty: CohortChange = { series: key, paired: 0, meanBaseline: null, meanFollowUp: null, meanChange: null, ci95: null, shareMeetingLenient: null, shareMeetingStrict: null, belowRecommendedSize: true }
  if (n === 0) return empty
  const changes = complete.map((p) => difference(p.baseline, p.followUp))
  const meanChange = mean(changes)
  let ci95: [number, number] | null = null
  if (n >= 2) {
    const half = (tQuantile(0.975, n - 1) * sampleSd(changes)) / Math.sqrt(n)
    ci95 = [roundTo(meanChange - half), roundTo(meanChange + half)]
  }
  const threshold = s?.meaningfulChange ?? null
  const better = (c: number) => (s?.higherIsBetter === false ? -c : c)
  const share = (limit: number) => roundTo(changes.filter((c) => atLeast(better(c), limit)).length / n, 4)
  return {
    series: key,
    paired: n,
    meanBaseline: roundTo(mean(complete.map((p) => p.baseline))),
    meanFollowUp: roundTo(mean(complete.map((p) => p.followUp))),
    meanChange: roundTo(meanChange),
    ci95,
    shareMeetingLenient: threshold ? share(threshold.lenient) : null,
    shareMeetingStrict: threshold ? share(threshold.strict) : null,
    belowRecommendedSize: n < 30,
  }
}

/** A cohort's paired changes summed in hundredths (change = follow-up − baseline, as `difference` takes it). */
export interface ChangeSums {
  paired: number
  /** Σ (hundredths(follow-up) − hundredths(baseline)). */
  sum: number
  /** Σ of the squares of the same. */
  sumOfSquares: number
}

/**
 * The mean paired change and its paired-t 95% interval, as `cohortChange` gives them, from the sums alone: a report
 * counts them in the database instead of reading every pair (issue 9). The sums are whole hundredths, so the mean is
 * exact and the variance is taken from an exact integer numerator; the result differs from `cohortChange`'s
 * floating-point pass only below its 2-decimal rounding.
 */
export function cohortChangeFromSums(sums: ChangeSums): Pick<CohortChange, 'paired' | 'meanChange' | 'ci95'> {
  const n = sums.paired
  if (n === 0) return { paired: 0, meanChange: null, ci95: null }
  const meanChange = sums.sum / n / 100
  let ci95: [number, number] | null = null
  if (n >= 2) {
    // n Σd² − (Σd)², exactly: both terms pass 2^53 for a national year of EQ-5D VAS changes.
    const numerator = BigInt(n) * BigInt(sums.sumOfSquares) - BigInt(sums.sum) * BigInt(sums.sum)
    const sd = Math.sqrt(Number(numerator) / (n * (n - 1))) / 100
    const half = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n)
    ci95 = [roundTo(meanChange - half), roundTo(meanChange + half)]
  }
  return { paired: n, meanChange: roundTo(meanChange), ci95 }
}
