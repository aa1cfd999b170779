import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { changeBetween, type Headline } from '../../instruments/contract.js'
import { measureModules } from '../measures/index.js'
import { rewriteConnectionAndContactFacts, rewriteReferralFacts } from './facts-sql.js'

/** Referrals recomputed per transaction: small enough to keep locks short, large enough to be quick. */
export const REFRESH_BATCH = 500

export interface RefreshOutcome {
  referrals: number
  batches: number
}

/**
 * Brings the report aggregates up to date (issue 7 §7): takes the referrals the triggers of migration 0025 queued,
 * in batches, rewrites their facts rows, asks every measure module to refresh the same referrals, and clears them
 * from the queue, one transaction per batch. Cheap when nothing is queued. `full` queues every referral first.
 */
export async function refreshReportFacts(db: Kysely<DB>, options: { full?: boolean } = {}): Promise<RefreshOutcome> {
  if (options.full) {
    await sql`insert into report_dirty_referrals (referral_id) select id from referrals on conflict (referral_id) do nothing`.execute(
      db,
    )
    // A facts row whose referral is gone is deleted by its foreign key; nothing else to clear.
  }
  let referrals = 0
  let batches = 0
  for (;;) {
    const batch = async (trx: Transaction<DB>) => {
      // Locking the queued rows makes a change committed meanwhile wait, then queue its referral again.
      const queued = await sql<{ referral_id: string }>`select referral_id from report_dirty_referrals
        order by marked_at, referral_id limit ${REFRESH_BATCH} for update`.execute(trx)
      const ids = queued.rows.map((r) => r.referral_id)
      if (ids.length === 0) return 0
      await refreshReferrals(trx, ids)
      await trx.deleteFrom('report_dirty_referrals').where('referral_id', 'in', ids).execute()
      return ids.length
    }
    // Inside a caller's transaction (a report read and its audit row) the batches run in that transaction.
    const done = db.isTransaction ? await batch(db as Transaction<DB>) : await db.transaction().execute(batch)
    if (done === 0) break
    referrals += done
    batches += 1
  }
  return { referrals, batches }
}

/** Recomputes these referrals' facts and every module's aggregates, in the caller's transaction. */
export async function refreshReferrals(trx: Transaction<DB>, ids: readonly string[]): Promise<void> {
  await rewriteReferralFacts(trx, ids)
  await rewriteConnectionAndContactFacts(trx, ids)
  await rewriteWellbeing(trx, ids)
  for (const module of measureModules) if (module.refresh) await module.refresh(trx, ids)
}

interface WellbeingMeasure {
  referral_id: string
  instrument_id: string
  occasion: string
  scores: unknown
}

/**
 * Equity's paired and improved (issue 7 §3) on the primary wellbeing instrument: SWEMWBS where the episode has a
 * SWEMWBS baseline, else WEMWBS. Paired: a complete baseline and a later complete measure (review, exit or
 * follow-up); the latest later one is compared. Improved: the change meets the instrument's published (lenient)
 * individual threshold, as `changeBetween` says (SWEMWBS metric 1.03, WEMWBS 3).
 */
async function rewriteWellbeing(trx: Transaction<DB>, ids: readonly string[]): Promise<void> {
  const rows = (await trx
    .selectFrom('measures as m')
    .innerJoin('episodes as e', 'e.id', 'm.episode_id')
    .select(['e.referral_id', 'm.instrument_id', 'm.occasion', 'm.scores'])
    .where('e.referral_id', 'in', ids)
    .where('m.status', '=', 'complete')
    .where('m.instrument_id', 'in', ['swemwbs', 'wemwbs'])
    .orderBy('m.taken_on')
    .orderBy('m.completed_at')
    .execute()) as WellbeingMeasure[]
  const byReferral = new Map<string, WellbeingMeasure[]>()
  for (const row of rows) byReferral.set(row.referral_id, [...(byReferral.get(row.referral_id) ?? []), row])
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
  await trx
    .updateTable('report_referral_facts')
    .set({ wellbeing_paired: false, wellbeing_improved: false })
    .where('referral_id', 'in', ids)
    .execute()
  if (paired.length > 0)
    await trx
      .updateTable('report_referral_facts')
      .set({ wellbeing_paired: true })
      .where('referral_id', 'in', paired)
      .execute()
  if (improved.length > 0)
    await trx
      .updateTable('report_referral_facts')
      .set({ wellbeing_improved: true })
      .where('referral_id', 'in', improved)
      .execute()
}

const isHeadline = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  'scores' in value &&
  typeof (value as { scores: unknown }).scores === 'object'
