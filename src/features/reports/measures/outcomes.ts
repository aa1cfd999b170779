import { reportQuestionOf } from '../../core-data-set/contract.js'
import { sql } from 'kysely'
import {
  cohortChange,
  type InstrumentId,
  instrumentIds,
  isInstrumentId,
  scoreSeries,
} from '../../instruments/contract.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { HEALTHCARE, MOTIVATION, refreshOutcomePairs } from './outcomes-refresh.js'
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

interface PairRow {
  instrument_id: string
  series: string
  baseline_value: number
  latest_value: number | null
  meets_threshold: boolean | null
}

async function pairsInPeriod(ctx: ReportContext): Promise<PairRow[]> {
  return ctx.db
    .selectFrom('report_outcome_pairs as p')
    .where(referralInScope(ctx, 'p.referral_id'))
    .select(['p.instrument_id', 'p.series', 'p.baseline_value', 'p.latest_value', 'p.meets_threshold'])
    .where('p.counted_on', '>=', ctx.filter.from)
    .where('p.counted_on', '<=', ctx.filter.to)
    .execute()
}

/** The published threshold the "improved" count uses: the lenient (minimal meaningful) one, null where none. */
function thresholdOf(instrument: string, series: string): number | null {
  if (!isInstrumentId(instrument)) return null
  return scoreSeries(instrument).find((x) => x.key === series)?.meaningfulChange?.lenient ?? null
}

export function changeValue(instrument: string, series: string, rows: readonly PairRow[]): MeasureValue {
  const mine = rows.filter((r) => r.instrument_id === instrument && r.series === series)
  const paired = mine.filter((r) => r.latest_value !== null)
  // Non-instrument pairs (healthcare use, goal motivation) and series without a published threshold use the same
  // paired-t interval; cohortChange treats a series it does not know as one with no threshold.
  const id: InstrumentId = isInstrumentId(instrument) ? instrument : 'gse'
  const cohort = cohortChange(
    id,
    paired.map((r) => ({ baseline: Number(r.baseline_value), followUp: Number(r.latest_value) })),
    series,
  )
  const threshold = thresholdOf(instrument, series)
  const improved = threshold === null ? 0 : paired.filter((r) => r.meets_threshold === true).length
  return {
    kind: 'change',
    instrumentId: instrument,
    paired: paired.length,
    lost: mine.length - paired.length,
    meanChange: cohort.meanChange,
    ciLow: cohort.ci95?.[0] ?? null,
    ciHigh: cohort.ci95?.[1] ?? null,
    improved,
    improvedPercent: threshold === null ? null : percent(improved, paired.length),
    threshold,
  }
}

async function administrations(ctx: ReportContext): Promise<{ instrument: string; count: number }[]> {
  const rows = await ctx.db
    .selectFrom('report_measure_administrations as m')
    .where(referralInScope(ctx, 'm.referral_id'))
    .select(['m.instrument_id', sql<number>`sum(m.administrations)::int`.as('n')])
    .where('m.taken_on', '>=', ctx.filter.from)
    .where('m.taken_on', '<=', ctx.filter.to)
    .groupBy('m.instrument_id')
    .execute()
  return instrumentIds.map((id) => ({
    instrument: id,
    count: Number(rows.find((r) => r.instrument_id === id)?.n ?? 0),
  }))
}

export async function computeOutcomes(ctx: ReportContext): Promise<MeasureResult[]> {
  const rows = await pairsInPeriod(ctx)
  const out: MeasureResult[] = []
  for (const st of outcomeStatements) {
    if (eq5dStatements.includes(st.cds) && !rows.some((r) => r.instrument_id === 'eq5d5l')) {
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
      value: changeValue(st.instrument, st.series, rows),
    })
  }
  const given = await administrations(ctx)
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
      count: rows.filter((r) => r.instrument_id === id && r.series === series && r.latest_value !== null).length,
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
