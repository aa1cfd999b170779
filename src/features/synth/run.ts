import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { refreshReportFacts } from '../reports/engine/refresh.js'
import { loadDemoPostcodes } from '../postcodes/demo.js'
import { createSynthFunctions, dropSynthFunctions } from './random.js'
import { withoutSecondaryIndexes } from '../../platform/db/indexes.js'
import { planSynth, type SynthOptions, type SynthPlan } from './plan.js'
import { organisationsStage } from './stages/organisations.js'
import { directoryStage } from './stages/directory.js'
import { peopleStage } from './stages/people.js'
import { journeyStage } from './stages/journey.js'

/**
 * `npm run cyswllt -- synth` (issue 9): fills an empty database with a national-scale synthetic data set, stage by
 * stage, each an `insert … select` over `generate_series` run inside the database (see random.ts), and reports
 * the rows written and rows per second of each.
 *
 * Stages run in this order and may rely on everything before them:
 *   1. organisations: providers, teams, accounts, commissioners, referrers (stages/organisations.ts);
 *   2. directory: directory organisations, services with locations, schedules, categories, languages;
 *   3. people: people, referrals, contact attempts, consents, episodes, episode events, what matters,
 *      action plans, follow-ups, healthcare use, closing;
 *   4. journey: support contacts, connections and their events, measures, experience replies, own words.
 * Afterwards the report aggregates are rebuilt in full and the tables analysed.
 *
 * The triggers that queue referrals for the report refresh are switched off while loading (one full rebuild at the
 * end is far cheaper than ten million queued rows), then switched back on.
 */
export interface SynthContext {
  db: Kysely<DB>
  plan: SynthPlan
  /** A progress line for the operator (stderr). */
  log(line: string): void
}

export interface SynthStage {
  name: string
  /** Writes its rows; returns rows written per table. */
  run(ctx: SynthContext): Promise<Record<string, number>>
}

export const synthStages: readonly SynthStage[] = [organisationsStage, directoryStage, peopleStage, journeyStage]

export interface StageReport {
  stage: string
  rows: Record<string, number>
  total: number
  seconds: number
  rowsPerSecond: number
}

export interface SynthReport {
  plan: SynthPlan
  stages: StageReport[]
  refreshSeconds: number
  totalRows: number
  totalSeconds: number
}

export class SynthRefused extends Error {}

export async function runSynth(
  db: Kysely<DB>,
  options: SynthOptions,
  log: (line: string) => void = () => {},
  /** `refreshReports: false` leaves the report aggregates to a later `refresh-reports --full` (see docs). */
  { refreshReports = true }: { refreshReports?: boolean } = {},
): Promise<SynthReport> {
  const plan = planSynth(options)
  // Synthetic people must never be mixed with real ones: refuse a database that holds any person or provider.
  const existing = await sql<{ n: number }>`select (select count(*) from people)::int
    + (select count(*) from organisations where type = 'provider')::int as n`.execute(db)
  if (Number(existing.rows[0]?.n ?? 0) > 0)
    throw new SynthRefused(
      'synth fills an empty database only: this one already holds people or providers. Use a new database (createdb, or a new DATA_DIR).',
    )
  const started = performance.now()
  await loadDemoPostcodes(db)
  // One connection for the whole load, so that its settings hold for every statement (a pool would hand each
  // statement to any connection).
  const stages = await db.connection().execute(async (conn) => {
    // JIT compiles each wide one-off `insert … select` for seconds and gains nothing (measured: 11 of 16 s of a
    // contacts insert); sorts for the index builds get room.
    await sql`set jit = off`.execute(conn)
    await sql`set maintenance_work_mem = '256MB'`.execute(conn)
    const replica = await skipTriggers(conn)
    if (!replica) await setReportTriggers(conn, false)
    await createSynthFunctions(conn)
    const done: StageReport[] = []
    try {
      for (const stage of synthStages) done.push(await runStage(stage, { db: conn, plan, log }))
    } finally {
      if (replica) await sql`reset session_replication_role`.execute(conn)
      else await setReportTriggers(conn, true)
      // With triggers skipped the directory version (migrations 0035, 0045) did not move: move it once, so a running
      // service drops what it keeps of the directory (the ORUK API's cache) instead of serving the old one.
      await sql`update directory_versions set version = version + 1`.execute(conn)
      await dropSynthFunctions(conn)
      await sql`reset jit`.execute(conn)
      await sql`reset maintenance_work_mem`.execute(conn)
    }
    return done
  })
  const t0 = performance.now()
  await sql`delete from report_dirty_referrals`.execute(db)
  if (refreshReports) {
    log('synth: rebuilding the report aggregates…')
    // Statistics first: the rebuild's joins over millions of fresh rows are planned from them.
    await sql`analyze`.execute(db)
    await refreshReportFacts(db, { full: true, log })
    log(`synth: report aggregates rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
  const refreshSeconds = (performance.now() - t0) / 1000
  // Vacuumed as well as analysed, every table: a fresh load has no visibility map, so no scan could be index-only and
  // every one would read the heap (the report's joins to the facts, the journey measures' reads of the case tables).
  // A service that had run for years would have been vacuumed by autovacuum; the data should be measured as that.
  const tv = performance.now()
  await sql`vacuum (analyze)`.execute(db)
  log(`synth: vacuumed and analysed in ${((performance.now() - tv) / 1000).toFixed(1)} s`)
  const totalRows = stages.reduce((a, s) => a + s.total, 0)
  return { plan, stages, refreshSeconds, totalRows, totalSeconds: (performance.now() - started) / 1000 }
}

async function runStage(stage: SynthStage, ctx: SynthContext): Promise<StageReport> {
  const t0 = performance.now()
  ctx.log(`synth: ${stage.name}…`)
  let rows: Record<string, number> = {}
  // The stage's time includes building its indexes afterwards: that is part of loading.
  await withoutSecondaryIndexes(ctx.db, STAGE_TABLES[stage.name] ?? [], async () => {
    rows = await stage.run(ctx)
  })
  const seconds = (performance.now() - t0) / 1000
  const total = Object.values(rows).reduce((a, b) => a + b, 0)
  const report = {
    stage: stage.name,
    rows,
    total,
    seconds,
    rowsPerSecond: Math.round(total / Math.max(seconds, 0.001)),
  }
  ctx.log(
    `synth: ${stage.name}: ${total.toLocaleString('en-GB')} rows in ${seconds.toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-GB')} rows/s)`,
  )
  return report
}

/**
 * The tables each stage fills in bulk: their secondary indexes are dropped while the stage loads and built once
 * after it (the directory stage does the same for its own tables). Per stage, not for the whole run, because a
 * later stage reads an earlier one's tables through those indexes (the journey looks up each person's consents).
 */
export const STAGE_TABLES: Readonly<Record<string, readonly string[]>> = {
  people: [
    'people',
    'referrals',
    'referral_contact_attempts',
    'consents',
    'notifications',
    'episodes',
    'episode_events',
    'what_matters_conversations',
    'action_plans',
    'plan_goals',
    'action_plan_goals',
    'plan_reviews',
    'plan_goal_scores',
    'follow_ups',
    'healthcare_use',
    'episode_closing_outcomes',
    'safeguarding_concerns',
    'safeguarding_escalations',
    'safeguarding_concern_events',
    'information_sharing_log',
  ],
  journey: [
    'support_contacts',
    'connections',
    'connection_events',
    'measures',
    'experience_invitations',
    'experience_replies',
    'experience_service_ratings',
    'own_words_outcomes',
  ],
}

/**
 * Skips triggers, foreign-key checks included, for this session (`session_replication_role = replica`), which
 * halves the time of the big inserts (the checks were half of a contacts chunk's time, measured). Only a
 * superuser may; otherwise the load keeps the checks and only the report triggers are switched off. The stages'
 * own tests run with every check on, and `verifyForeignKeys` checks a loaded set after the fact.
 */
async function skipTriggers(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`set session_replication_role = replica`.execute(db)
    return true
  } catch {
    return false
  }
}

/** The tables whose triggers queue referrals for the report refresh (migrations 0025, 0026, 0029). */
export async function setReportTriggers(db: Kysely<DB>, enabled: boolean): Promise<void> {
  const triggers = await sql<{ table: string; trigger: string }>`select c.relname as table, t.tgname as trigger
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and t.tgname like 'report\_dirty\_%'`.execute(db)
  for (const t of triggers.rows)
    await sql`alter table ${sql.id(t.table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger ${sql.id(t.trigger)}`.execute(
      db,
    )
}
