import { sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { changeBetween, type Headline } from '../../instruments/contract.js'
import { uuidArray } from './facts-sql.js'

/** One complete SWEMWBS or WEMWBS measure of a referral's episode, in the order taken. */
export interface WellbeingMeasure {
  referral_id: string
  instrument_id: string
  occasion: string
  scores: unknown
}

export interface Wellbeing {
  paired: string[]
  improved: string[]
}

/**
 * Equity's paired and improved (issue 7 §3) on the primary wellbeing instrument: SWEMWBS where the episode has a
 * SWEMWBS baseline, else WEMWBS. Paired: a complete baseline and a later complete measure (review, exit or
 * follow-up); the latest later one is compared. Improved: the change meets the instrument's published (lenient)
 * individual threshold, as `changeBetween` says (SWEMWBS metric 1.03, WEMWBS 3). `rows` are in the order taken.
 */
export function wellbeingOf(rows: readonly WellbeingMeasure[]): Wellbeing {
  const byReferral = new Map<string, WellbeingMeasure[]>()
  for (const row of rows) {
    const list = byReferral.get(row.referral_id)
    if (list) list.push(row)
    else byReferral.set(row.referral_id, [row])
  }
  const paired: string[] = []
  const improved: string[] = []
  for (const [referralId, measures] of byReferral) {
    const instrument = measures.some((m) => m.instrument_id === 'swemwbs' && m.occasion === 'baseline')
      ? 'swemwbs'
      : 'wemwbs'
    const own = measures.filter((m) => m.instrument_id === instrument && isHeadline(m.scores))
    const baseline = own.find((m) => m.occasion === 'baseline')
    const later = own.filter((m) => m.occasion !== 'baseline').at(-1)
    if (!baseline || !later) continue
    const change = changeBetween(instrument, baseline.scores as Headline, later.scores as Headline)
    const primary = (baseline.scores as Headline).primary
    const series = change.find((c) => c.series === primary) ?? change[0]
    if (!series || series.change === null) continue
    paired.push(referralId)
    if (series.meetsLenient === true) improved.push(referralId)
  }
  return { paired, improved }
}

/** Paired and improved of these referrals, from their complete wellbeing measures. */
export async function readWellbeing(trx: Transaction<DB>, ids: readonly string[]): Promise<Wellbeing> {
  if (ids.length === 0) return { paired: [], improved: [] }
  const rows = await sql<WellbeingMeasure>`
    select e.referral_id, m.instrument_id, m.occasion, m.scores
    from measures m join episodes e on e.id = m.episode_id
    where e.referral_id = any(${uuidArray(ids)}) and m.status = 'complete' and m.instrument_id in ('swemwbs', 'wemwbs')
    -- The id settles ties, so that the latest later measure is the same one however the referrals are batched.
    order by m.taken_on, m.completed_at, m.id`.execute(trx)
  return wellbeingOf(rows.rows)
}

const isHeadline = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  'scores' in value &&
  typeof (value as { scores: unknown }).scores === 'object'
