import { type CohortPair, changeBetween, cohortChange } from './change.js'
import type { Headline, InstrumentId } from './contract.js'
import { answersFromInput, InvalidResponse, isPlainObject, type ProblemAt } from './api-input.js'
import { rulesOf } from './scoring/index.js'
import { bandOf } from './scoring/types.js'
import { djgTotalBands } from './scoring/loneliness.js'
import { difference, roundTo } from './scoring/numbers.js'
import { swemwbsBandOf, swemwbsMetric, wemwbsBands } from './scoring/wellbeing.js'
import type { Report } from './scoring/types.js'

/*
 * The change shapes of the scoring API (test-vectors.json): two response sets ({baseline, followUp}), two totals
 * ({baselineTotal, followUpTotal}; SWEMWBS raws as {baselineRaw, followUpRaw}), and cohorts, where the same fields
 * hold one value or response set per person, paired by position. Fields are reported in both naming styles the
 * vectors use (meetsLenient_3, exceedsLenient_1.03) so either can be read.
 */

const changeKeys = ['baseline', 'followUp', 'baselineTotal', 'followUpTotal', 'baselineTotals', 'followUpTotals', 'baselineRaw', 'followUpRaw', 'baselineMetric', 'followUpMetric'] as const

export const isChangeInput = (input: unknown): boolean => isPlainObject(input) && changeKeys.some((key) => key in input)

type Kind = 'raw' | 'total' | 'metric'

/** A headline from a single total (WEMWBS total, SWEMWBS raw or metric, DJG/UCLA/GSE total). */
function headlineFromTotal(id: InstrumentId, value: unknown, kind: Kind, field: string): Headline {
  const rules = rulesOf(id)
  const fail = (problem: ProblemAt['problem']) => new InvalidResponse([{ item: field, problem }])
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('wrong_type')
  if (id === 'swemwbs') {
    if (kind === 'metric') {
      if (value < 7 || value > 35) throw fail('out_of_range')
      return { instrumentId: id, status: 'complete', primary: 'metric', scores: { metric: { value, band: swemwbsBandOf(value) } } }
    }
    if (!Number.isInteger(value)) throw fail('not_integer')
    const metric = swemwbsMetric(value)
    if (metric === null) throw fail('out_of_range')
    return { instrumentId: id, status: 'complete', primary: 'metric', scores: { metric: { value: metric, band: swemwbsBandOf(metric) }, raw: { value, band: null } } }
  }
  const primary = rules.series.find((s) => s.key === rules.primary)
  if (!primary || kind === 'metric') throw fail('not_scorable_shape')
  // Sums of whole-number items are whole numbers; GSE's prorated totals and PAM scores need not be.
  if (!['gse', 'pam'].includes(id) && !Number.isInteger(value)) throw fail('not_integer')
  if (value < primary.min || value > primary.max) throw fail('out_of_range')
  const band = id === 'wemwbs' ? bandOf(wemwbsBands, value) : id === 'djg6' ? bandOf(djgTotalBands, value) : null
  return { instrumentId: id, status: 'complete', primary: primary.key, scores: { [primary.key]: { value, band } } }
}

/** One side of a change: a response set, a score-shaped object, or a single total. */
function headlineOf(id: InstrumentId, value: unknown, kind: Kind | null, field: string): Headline {
  if (kind) return headlineFromTotal(id, value, kind, field)
  try {
    return rulesOf(id).score(answersFromInput(id, value)).headline
  } catch (error) {
    if (error instanceof InvalidResponse) throw new InvalidResponse(error.problems.map((p) => ({ ...p, item: `${field}.${p.item}` })))
    throw error
  }
}

const thresholdFields = (id: InstrumentId, lenient: boolean | null, strict: boolean | null): Report => {
  const mc = rulesOf(id).series.find((s) => s.key === rulesOf(id).primary)?.meaningfulChange
  if (!mc) return { meetsLenient: lenient, meetsStrict: strict }
  return {
    meetsLenient: lenient,
    meetsStrict: strict,
    [`meetsLenient_${mc.lenient}`]: lenient,
    [`meetsStrict_${mc.strict}`]: strict,
    [`exceedsLenient_${mc.lenient}`]: lenient,
    [`exceedsStrict_${mc.strict}`]: strict,
  }
}

function individual(id: InstrumentId, baseline: Headline, followUp: Headline): Report {
  const rules = rulesOf(id)
  const changes = changeBetween(id, baseline, followUp)
  const report: Report = { kind: 'individual', baselineStatus: baseline.status, followUpStatus: followUp.status, changes }
  for (const c of changes) {
    report[`${c.series}Change`] = c.change
    // MYCaW: lower is better, so improvement is baseline − follow-up.
    if (!rules.series.find((s) => s.key === c.series)?.higherIsBetter && id === 'mycaw') report[`${c.series}Improvement`] = c.change === null ? null : -c.change + 0
  }
  const primary = changes.find((c) => c.series === rules.primary)
  if (primary) Object.assign(report, { change: primary.change, ...thresholdFields(id, primary.meetsLenient, primary.meetsStrict) })
  if (id === 'swemwbs') {
    Object.assign(report, {
      baselineRaw: baseline.scores.raw?.value ?? null,
      followUpRaw: followUp.scores.raw?.value ?? null,
      baselineMetric: baseline.scores.metric?.value ?? null,
      followUpMetric: followUp.scores.metric?.value ?? null,
      baselineBand: baseline.scores.metric?.band ?? null,
      followUpBand: followUp.scores.metric?.band ?? null,
      bandProvisional: true,
    })
  } else if (rules.primary) {
    const key = rules.primary === 'total' ? 'Total' : rules.primary.replace(/^./, (c) => c.toUpperCase())
    Object.assign(report, {
      [`baseline${key}`]: baseline.scores[rules.primary]?.value ?? null,
      [`followUp${key}`]: followUp.scores[rules.primary]?.value ?? null,
      baselineBand: baseline.scores[rules.primary]?.band ?? null,
      followUpBand: followUp.scores[rules.primary]?.band ?? null,
    })
  }
  return report
}

function cohort(id: InstrumentId, baselines: Headline[], followUps: Headline[]): Report {
  const rules = rulesOf(id)
  const report: Report = { kind: 'cohort' }
  const keys = rules.primary ? [rules.primary] : rules.series.map((s) => s.key)
  for (const key of keys) {
    const pairs: CohortPair[] = baselines.map((b, i) => ({ baseline: b.scores[key]?.value ?? null, followUp: followUps[i]?.scores[key]?.value ?? null }))
    const result = cohortChange(id, pairs, key)
    if (key !== rules.primary) {
      report[key] = result
      continue
    }
    const label = key === 'total' ? 'Total' : key.replace(/^./, (c) => c.toUpperCase())
    const lenient = result.shareMeetingLenient
    Object.assign(report, result, {
      baselineMean: result.meanBaseline,
      followUpMean: result.meanFollowUp,
      [`baseline${label}Mean`]: result.meanBaseline,
      [`followUp${label}Mean`]: result.meanFollowUp,
      meanPairedChange: result.meanChange,
      // The difference of the two rounded means, which equals the mean paired change when everyone is paired.
      differenceOfMeans: result.meanBaseline === null || result.meanFollowUp === null ? null : difference(result.meanBaseline, result.meanFollowUp),
      shareMeetingLenient: lenient,
    })
  }
  return report
}

const totalKeys = ['raw', 'total', 'metric'] as const

/** A single score sent on its own ({raw: 23} for SWEMWBS, {total: 45}, {metric: 20.73}) rather than responses. */
export const isTotalInput = (input: unknown): boolean =>
  isPlainObject(input) && Object.keys(input).length === 1 && totalKeys.some((key) => key in input) && typeof Object.values(input)[0] === 'number'

/** Scores a lone total: the same report fields as from responses, for what a total can tell. */
export function scoreFromTotal(id: InstrumentId, input: Record<string, unknown>): Report {
  const [field, value] = Object.entries(input)[0] as [string, unknown]
  const kind: Kind = field === 'metric' ? 'metric' : id === 'swemwbs' ? 'raw' : 'total'
  const headline = headlineFromTotal(id, value, kind, field)
  const primary = headline.primary ? headline.scores[headline.primary] : undefined
  if (id === 'swemwbs') return { raw: headline.scores.raw?.value ?? null, metric: primary?.value ?? null, band: primary?.band ?? null, bandProvisional: true, status: 'complete', metricProvisionalNote: value === 29 ? 'raw_29_metric_unconfirmed' : null }
  const report: Report = { [headline.primary as string]: primary?.value ?? null, band: primary?.band ?? null, status: 'complete' }
  if (id === 'djg6') report.totalBand = primary?.band ?? null
  if (id === 'ucla3_ons') report.meetsMatthews2022ScreeningCutoff_ge5 = (primary?.value ?? 0) >= 5
  if (id === 'gse') report.mean = primary?.value == null ? null : roundTo(primary.value / 10, 3)
  return report
}

/** Scores a change-shaped input: individual or cohort, from responses or totals. Throws InvalidResponse. */
export function changeFromInput(id: InstrumentId, input: unknown): Report {
  if (!isPlainObject(input)) throw new InvalidResponse([{ item: 'body', problem: 'not_an_object' }])
  const pairsOf: [string, string, Kind | null][] = [
    ['baseline', 'followUp', null],
    ['baselineRaw', 'followUpRaw', id === 'swemwbs' ? 'raw' : 'total'],
    ['baselineTotal', 'followUpTotal', id === 'swemwbs' ? 'raw' : 'total'],
    ['baselineTotals', 'followUpTotals', id === 'swemwbs' ? 'raw' : 'total'],
    ['baselineMetric', 'followUpMetric', 'metric'],
  ]
  const found = pairsOf.filter(([b, f]) => b in input || f in input)
  const extra = Object.keys(input).filter((key) => !(changeKeys as readonly string[]).includes(key))
  if (found.length !== 1 || extra.length) throw new InvalidResponse([{ item: extra[0] ?? 'body', problem: found.length === 1 ? 'unknown_item' : 'not_scorable_shape' }])
  const [bField, fField, kind] = found[0]!
  const b = input[bField]
  const f = input[fField]
  if (b === undefined || f === undefined) throw new InvalidResponse([{ item: b === undefined ? bField : fField, problem: 'wrong_type' }])
  // A cohort is a list per side whose entries are each one person's total or response set.
  const isCohort = Array.isArray(b) && Array.isArray(f) && (kind !== null || b.some((x) => Array.isArray(x) || isPlainObject(x)) || f.some((x) => Array.isArray(x) || isPlainObject(x)))
  if (!isCohort) return individual(id, headlineOf(id, b, kind, bField), headlineOf(id, f, kind, fField))
  const bs = b as unknown[]
  const fs = f as unknown[]
  if (bs.length !== fs.length || bs.length === 0) throw new InvalidResponse([{ item: fField, problem: 'wrong_count' }])
  // A person missing at either time point (null) is left out of the pairs, not refused.
  const side = (list: unknown[], field: string) =>
    list.map((x, i) => (x === null ? ({ instrumentId: id, status: 'incomplete', primary: rulesOf(id).primary, scores: {} } as Headline) : headlineOf(id, x, kind, `${field}[${i}]`)))
  return cohort(id, side(bs, bField), side(fs, fField))
}
