import { reportQuestionOf } from '../../core-data-set/contract.js'
import { type RawBuilder, sql } from 'kysely'
import { cohortChangeFromSums } from '../../instruments/change.js'
import {
  instrumentIds,
  isInstrumentId,
  scoreSeries,
} from '../../instruments/contract.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { HEALTHCARE, MOTIVATION, refreshOutcomePairs } from './outcomes-refresh.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'
import { referralInScope } from './scope.js'
import { percent } from './shared.js'

/*
 * "Is anyone better off?" by instrument (issue 7 §2; CDS #91, #87, #88, #93, #64, #84, #65, #92, #73, #96, #78,
 * #57–#61), from report_outcome_pairs and report_measure_administrations (outcomes-refresh.ts). Period rule: a pair
 * is in the period when its later score was taken in it; a baseline with no later score is "lost" in the period in
 * which its episode ended (the pair's counted_on).
 */

interface Statement {
  id: string
  cds: number
  table2: boolean
  instrument: string
  series: string
}

const s = (cds: number, suffix: string, instrument: string, series: string, table2 = false): Statement => ({
  id: `cds${cds}.${suffix}`,
  cds,
  table2,
  instrument,
  series,
})

const eq5dDimensions = ['mobility', 'self_care', 'usual_activities', 'pain_discomfort', 'anxiety_depression']
const physicalDimensions = ['mobility', 'self_care', 'usual_activities', 'pain_discomfort']

export const outcomeStatements: Statement[] = [
  s(91, 'wemwbs', 'wemwbs', 'total', true),
  s(91, 'swemwbs', 'swemwbs', 'metric', true),
  s(87, 'ucla3_ons', 'ucla3_ons', 'total', true),
  s(87, 'ons_loneliness_direct', 'ons_loneliness_direct', 'chronic', true),
  s(87, 'djg6', 'djg6', 'total', true),
  s(88, 'djg6_social', 'djg6', 'social'),
  ...['satisfaction', 'worthwhile', 'happiness', 'anxiety'].map((q) => s(93, `ons4_${q}`, 'ons4', q, true)),
  s(64, 'ons4_happiness', 'ons4', 'happiness'),
  s(73, 'gse', 'gse', 'total'),
  s(65, 'eq5d5l_vas', 'eq5d5l', 'vas'),
  ...eq5dDimensions.map((d) => s(84, `eq5d5l_${d}`, 'eq5d5l', d)),
  ...physicalDimensions.map((d) => s(92, `eq5d5l_${d}`, 'eq5d5l', d)),
  s(96, 'motivation', MOTIVATION, 'motivation'),
  // Self-reported healthcare use in the last three months, at the start and at the end of the episode.
  s(57, 'other_services', HEALTHCARE, 'other_services'),
  s(58, 'ae_attendances', HEALTHCARE, 'ae_attendances'),
  s(59, 'emergency_calls', HEALTHCARE, 'emergency_calls'),
  s(60, 'gp_contacts', HEALTHCARE, 'gp_contacts'),
  s(61, 'gp_appointments', HEALTHCARE, 'gp_appointments'),
]

/** Statements answered only from entered EQ-5D-5L scores: not_available as a whole when there are none. */
const eq5dStatements = [65, 84, 92]

/** The pairs of one instrument's series counted in the period, summed in the database. */
interface SeriesSums {
  /** Every pair counted in the period, with or without a later score. */
  pairs: number
  /** Paired: with a later score; `sum` and `sumOfSquares` are their changes in hundredths. */
  paired: number
  sum: number
  sumOfSquares: number
  /** Paired and meeting the series' lenient threshold. */
  improved: number
}

/**
 * The period's pairs summed per instrument and series (issue 9): a national year is hundreds of thousands of pairs,
 * which cost more to return to TypeScript than to sum. Changes are taken in hundredths, as `difference` takes them.
 * With the measures given (#78), one pass that adds up month by month (ADR 0019): a pair counts on its counted_on, a
 * measure on the day it was taken, and every figure is a count or a sum of whole numbers.
 */
const outcomesPass: MonthlyPass = (ctx) => {
  const d = sql`round(p.latest_value * 100) - round(p.baseline_value * 100)`
  const series = sql`p.instrument_id || '|' || p.series`
  const pairs = sql`period_pairs p`
  const bySeries = (aggregate: RawBuilder<unknown>) => sql`select ${series}, ${aggregate} from ${pairs} group by 1`
  return {
    slices: {
      period_pairs: sql`select p.instrument_id, p.series, p.baseline_value, p.latest_value, p.meets_threshold
        from report_outcome_pairs p where ${referralInScope(ctx, 'p.referral_id')}
          and p.counted_on >= ${ctx.filter.from}::date and p.counted_on <= ${ctx.filter.to}::date`,
      period_administrations: sql`select m.instrument_id, m.administrations from report_measure_administrations m
        where ${referralInScope(ctx, 'm.referral_id')}
          and m.taken_on >= ${ctx.filter.from}::date and m.taken_on <= ${ctx.filter.to}::date`,
    },
    parts: [
      { key: 'pairs', rows: bySeries(sql`count(*)`) },
      { key: 'paired', rows: bySeries(sql`count(p.latest_value)`) },
      { key: 'sum', rows: bySeries(sql`coalesce(sum((${d})::bigint), 0)`) },
      { key: 'sum_of_squares', rows: bySeries(sql`coalesce(sum(((${d}) * (${d}))::bigint), 0)`) },
      { key: 'improved', rows: bySeries(sql`count(*) filter (where p.latest_value is not null and p.meets_threshold)`) },
      {
        key: 'administrations',
        rows: sql`select m.instrument_id, sum(m.administrations) from period_administrations m group by 1`,
      },
    ],
  }
}

/** The pass's sums by instrument and series (keyed `instrument\u0000series`), and the measures given by instrument. */
async function outcomeSums(ctx: ReportContext): Promise<{ sums: Map<string, SeriesSums>; given: Map<string, number> }> {
  const pass = await monthlyPassOf(ctx, 'outcomes', outcomesPass)
  const of = (key: string) => pass.counts(key)
  const [paired, sum, sumOfSquares, improved] = [of('paired'), of('sum'), of('sum_of_squares'), of('improved')]
  const sums = new Map<string, SeriesSums>()
  for (const [code, pairs] of of('pairs')) {
    const at = code.indexOf('|')
    sums.set(`${code.slice(0, at)}\u0000${code.slice(at + 1)}`, {
      pairs,
      paired: paired.get(code) ?? 0,
      sum: sum.get(code) ?? 0,
      sumOfSquares: sumOfSquares.get(code) ?? 0,
      improved: improved.get(code) ?? 0,
    })
  }
  return { sums, given: of('administrations') }
}

const none: SeriesSums = { pairs: 0, paired: 0, sum: 0, sumOfSquares: 0, improved: 0 }
const sumsOf = (sums: Map<string, SeriesSums>, instrument: string, series: string) => sums.get(`${instrument}\u0000${series}`) ?? none

/** The published threshold the "improved" count uses: the lenient (minimal meaningful) one, null where none. */
function thresholdOf(instrument: string, series: string): number | null {
  if (!isInstrumentId(instrument)) return null
  return scoreSeries(instrument).find((x) => x.key === series)?.meaningfulChange?.lenient ?? null
}

/**
 * Non-instrument pairs (healthcare use, goal motivation) and series without a published threshold use the same
 * paired-t interval; a series with no threshold has no "improved" count.
 */
export function changeValue(instrument: string, series: string, sums: SeriesSums): MeasureValue {
  const cohort = cohortChangeFromSums(sums)
  const threshold = thresholdOf(instrument, series)
  const improved = threshold === null ? 0 : sums.improved
  return {
    kind: 'change',
    instrumentId: instrument,
    paired: sums.paired,
    lost: sums.pairs - sums.paired,
    meanChange: cohort.meanChange,
    ciLow: cohort.ci95?.[0] ?? null,
    ciHigh: cohort.ci95?.[1] ?? null,
    improved,
    improvedPercent: threshold === null ? null : percent(improved, sums.paired),
    threshold,
  }
}

export async function computeOutcomes(ctx: ReportContext): Promise<MeasureResult[]> {
  const { sums, given: givenBy } = await outcomeSums(ctx)
  const hasEq5d = [...sums.keys()].some((key) => key.startsWith('eq5d5l\u0000'))
  const out: MeasureResult[] = []
  for (const st of outcomeStatements) {
    if (eq5dStatements.includes(st.cds) && !hasEq5d) {
      if (!out.some((m) => m.id === `cds${st.cds}`))
        out.push({
          id: `cds${st.cds}`,
          cds: [st.cds],
          question: 'better_off',
          table2: false,
          value: { kind: 'not_available', reasonKey: 'reportMeasures.notAvailable.noEq5d' },
        })
      continue
    }
    out.push({
      id: st.id,
      cds: [st.cds],
      // Table 2 asks about mental wellbeing (#91) under "How well?", although Appendix Five files it under "What
      // difference?": a Table 2 measure is shown under Table 2's question (CS §115).
      question: st.table2 ? (reportQuestionOf(st.cds) ?? 'better_off') : 'better_off',
      table2: st.table2,
      value: changeValue(st.instrument, st.series, sumsOf(sums, st.instrument, st.series)),
    })
  }
  const given = instrumentIds.map((id) => ({ instrument: id, count: givenBy.get(id) ?? 0 }))
  const total = given.reduce((n, r) => n + r.count, 0)
  out.push({
    id: 'cds78',
    cds: [78],
    question: 'better_off',
    table2: false,
    value: {
      kind: 'breakdown',
      total,
      additive: true,
      rows: given.map((r) => ({ code: r.instrument, count: r.count })),
    },
  })
  const pairsBy = instrumentIds.map((id) => {
    // One pair per person and episode: the instrument's primary series (ONS4: life satisfaction; ONS direct: chronic).
    const series = id === 'ons_loneliness_direct' ? 'chronic' : (scoreSeries(id)[0]?.key ?? '')
    return {
      code: id,
      count: sumsOf(sums, id, series).paired,
    }
  })
  out.push({
    id: 'cds78.pairs',
    cds: [78],
    question: 'better_off',
    table2: false,
    value: { kind: 'breakdown', total: pairsBy.reduce((n, r) => n + r.count, 0), additive: true, rows: pairsBy },
  })
  return out
}

export const outcomesModule: MeasureModule = {
  name: 'outcomes',
  refresh: refreshOutcomePairs,
  compute: computeOutcomes,
}
