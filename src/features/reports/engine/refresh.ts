import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { measureModules } from '../measures/index.js'
import { rewriteConnectionAndContactFacts, rewriteReferralFacts, uuidArray } from './facts-sql.js'
import { withoutSecondaryIndexes } from '../../../platform/db/indexes.js'
import { readWellbeing } from './wellbeing.js'

/** Referrals recomputed per transaction: small enough to keep locks short, large enough to be quick. */
export const REFRESH_BATCH = 500

/** Referrals per chunk of the full rebuild's TypeScript steps (wellbeing, the modules' refresh). */
export const REBUILD_CHUNK = 5000

export interface RefreshOutcome {
  referrals: number
  batches: number
}

/** Every table the refresh writes: the facts (migration 0024) and the outcome module's (0026). */
export const FACTS_TABLES = [
  'report_referral_facts',
  'report_connection_facts',
  'report_contact_facts',
  'report_outcome_pairs',
  'report_measure_administrations',
] as const

/**
 * Brings the report aggregates up to date (issue 7 §7): takes the referrals the triggers of migration 0025 queued,
 * in batches, rewrites their facts rows, asks every measure module to refresh the same referrals, and clears them
 * from the queue, one transaction per batch (`batch` referrals, REFRESH_BATCH unless a test says otherwise). Cheap
 * when nothing is queued. `full` rebuilds every referral's rows instead (rebuildReportFacts).
 */
export async function refreshReportFacts(
  db: Kysely<DB>,
  options: { full?: boolean; batch?: number; log?: (line: string) => void } = {},
): Promise<RefreshOutcome> {
  if (options.full) {
    const rebuild = (trx: Transaction<DB>) => rebuildReportFacts(trx, options.log)
    return db.isTransaction ? rebuild(db as Transaction<DB>) : db.transaction().execute(rebuild)
  }
  let referrals = 0
  let batches = 0
  for (;;) {
    const batch = async (trx: Transaction<DB>) => {
      // Locking the queued rows makes a change committed meanwhile wait, then queue its referral again.
      const queued = await sql<{ referral_id: string }>`select referral_id from report_dirty_referrals
        order by marked_at, referral_id limit ${options.batch ?? REFRESH_BATCH} for update`.execute(trx)
      const ids = queued.rows.map((r) => r.referral_id)
      if (ids.length === 0) return 0
      await refreshReferrals(trx, ids)
      await sql`delete from report_dirty_referrals where referral_id = any(${uuidArray(ids)})`.execute(trx)
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
  const wellbeing = await readWellbeing(trx, ids)
  await rewriteReferralFacts(trx, { ids }, wellbeing)
  await rewriteConnectionAndContactFacts(trx, { ids })
  for (const module of measureModules) if (module.refresh) await module.refresh(trx, ids)
}

/**
 * The full rebuild (`refresh-reports --full`, and synth after a load), in one transaction: empties the queue and
 * every facts table, then writes each facts table with one `insert … select` over all referrals, in the order of
 * the day a report's period reads, instead of 500 referrals at a time (which re-planned and re-ran every statement
 * per batch: about 9 s per 1,000 referrals, hours at national size). What is computed in TypeScript — wellbeing
 * pairing and the measure modules' refresh — goes in chunks of REBUILD_CHUNK referrals. The rows are the same as
 * the incremental refresh writes (engine/rebuild.test.ts compares them).
 *
 * Truncate takes the tables' exclusive lock, so reports wait for the rebuild; a change committed meanwhile queues
 * its referral again, for the next incremental refresh.
 */
export async function rebuildReportFacts(
  trx: Transaction<DB>,
  log: (line: string) => void = () => {},
): Promise<RefreshOutcome> {
  let t0 = performance.now()
  const step = (what: string) => {
    log(`refresh: ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    t0 = performance.now()
  }
  await sql`delete from report_dirty_referrals`.execute(trx)
  await sql.raw(`truncate ${FACTS_TABLES.join(', ')}`).execute(trx)
  await sql`create temp table report_rebuild_wellbeing (referral_id uuid primary key, paired boolean not null,
    improved boolean not null) on commit drop`.execute(trx)
  step('queue and facts tables emptied')
  // Building the facts tables' secondary indexes once over sorted rows beats keeping them up to date row by row
  // (measured: the referral, connection and contact inserts 32 s → 11 s at 25,000 referrals).
  let outcome: RefreshOutcome = { referrals: 0, batches: 0 }
  await withoutSecondaryIndexes(trx, FACTS_TABLES, async () => {
    outcome = await rebuildAll(trx, step)
  })
  step('indexes rebuilt')
  return outcome
}

async function rebuildAll(trx: Transaction<DB>, step: (what: string) => void): Promise<RefreshOutcome> {
  let referrals = 0
  let batches = 0
  let after: string | null = null
  let wellbeingSeconds = 0
  let modulesSeconds = 0
  for (;;) {
    const chunk = await sql<{ id: string }>`select id from referrals
      where ${after === null ? sql`true` : sql`id > ${after}::uuid`} order by id limit ${REBUILD_CHUNK}`.execute(trx)
    const ids = chunk.rows.map((r) => r.id)
    if (ids.length === 0) break
    let t1 = performance.now()
    const { paired, improved } = await readWellbeing(trx, ids)
    if (paired.length > 0)
      await sql`insert into report_rebuild_wellbeing (referral_id, paired, improved)
        select p.referral_id, true, p.referral_id = any(${uuidArray(improved)}) from unnest(${uuidArray(paired)}) as p(referral_id)`.execute(
        trx,
      )
    wellbeingSeconds += (performance.now() - t1) / 1000
    t1 = performance.now()
    for (const module of measureModules) if (module.refresh) await module.refresh(trx, ids)
    modulesSeconds += (performance.now() - t1) / 1000
    referrals += ids.length
    batches += 1
    after = ids[ids.length - 1] as string
  }
  step(`${referrals} referrals in ${batches} chunks: wellbeing ${wellbeingSeconds.toFixed(1)} s, modules ${modulesSeconds.toFixed(1)} s`)
  await rewriteReferralFacts(trx, 'all', { table: 'report_rebuild_wellbeing' })
  step('referral facts')
  await rewriteConnectionAndContactFacts(trx, 'all')
  step('connection and contact facts')
  return { referrals, batches }
}
