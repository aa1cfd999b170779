import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import {
  type Answers,
  changeBetween,
  type Headline,
  headlineOf,
  type InstrumentId,
  isInstrumentId,
  scoreSeries,
} from '../../instruments/contract.js'

/*
 * Keeps report_outcome_pairs (migrations/0026) up to date for the referrals the engine's refresh names: for each
 * episode, instrument and series, the baseline and the latest later score, scored once here so that a report
 * never re-scores answers. Rules (docs/reports-outcomes-and-experience.md):
 * - baseline: the first complete measure of the instrument taken at the 'baseline' occasion, or without one the
 *   first complete measure (as the person page does); latest: the last complete measure taken after it with a
 *   score in the series;
 * - healthcare use (#57–#61): the 'start' answer to each item, and the 'end' one;
 * - plan goal motivation (#96): per goal, the 'start' score and the latest later score (review, or end if given).
 */

export const HEALTHCARE = 'healthcare_use'
export const MOTIVATION = 'plan_motivation'
export const healthcareItems = [
  'other_services',
  'ae_attendances',
  'emergency_calls',
  'gp_contacts',
  'gp_appointments',
] as const

/** One row of report_outcome_pairs as written (plain values). */
interface Pair {
  referral_id: string
  episode_id: string
  person_id: string
  instrument_id: string
  series: string
  subject_id: string
  baseline_value: number
  baseline_on: string
  latest_value: number | null
  latest_on: string | null
  meets_threshold: boolean | null
  counted_on: string | null
}

/** Referrals read at once: the full rebuild passes 5,000 at a time (engine/refresh.ts). */
const CHUNK = 5000
/** Rows per insert statement (12 columns: well under the 65,535 bind parameters of one statement). */
const INSERT_ROWS = 2000

/** The ids as one `uuid[]` bind value: a list of literals would make each statement thousands of parameters. */
const anyOf = (ids: readonly string[]) => sql<boolean>`= any(${`{${ids.join(',')}}`}::uuid[])`

export async function refreshOutcomePairs(db: Kysely<DB>, referralIds: readonly string[]): Promise<void> {
  for (let i = 0; i < referralIds.length; i += CHUNK) {
    const ids = referralIds.slice(i, i + CHUNK)
    const episodes = (
      await sql<{ id: string; referral_id: string; person_id: string; ended_at: Date | null }>`
        select id, referral_id, person_id, ended_at from episodes where referral_id ${anyOf(ids)}`.execute(db)
    ).rows
    if (episodes.length === 0) {
      await replaceRows(db, 'report_outcome_pairs', ids, [])
      await replaceRows(db, 'report_measure_administrations', ids, [])
      continue
    }
    const byEpisode = new Map(episodes.map((e) => [e.id, e]))
    const episodeIds = episodes.map((e) => e.id)
    const measures = await completeMeasures(db, episodeIds)
    const pairs = [
      ...measurePairs(measures),
      ...(await healthcarePairs(db, episodeIds)),
      ...(await motivationPairs(db, episodeIds)),
    ].map((p) => {
      const episode = byEpisode.get(p.episode_id)
      // A baseline without a later score is lost on the (UTC) day its episode ended.
      const ended = episode?.ended_at ? new Date(episode.ended_at).toISOString().slice(0, 10) : null
      return {
        ...p,
        referral_id: episode?.referral_id as string,
        person_id: episode?.person_id as string,
        counted_on: p.latest_on ?? ended,
      }
    })
    await replaceRows(db, 'report_outcome_pairs', ids, pairs)
    const given = new Map<
      string,
      { referral_id: string; instrument_id: string; taken_on: string; administrations: number }
    >()
    for (const m of measures) {
      const referralId = byEpisode.get(m.episode_id)?.referral_id as string
      const key = `${referralId}|${m.instrument_id}|${m.taken_on}`
      const row = given.get(key) ?? {
        referral_id: referralId,
        instrument_id: m.instrument_id,
        taken_on: m.taken_on as string,
        administrations: 0,
      }
      row.administrations += 1
      given.set(key, row)
    }
    await replaceRows(db, 'report_measure_administrations', ids, [...given.values()])
  }
}

/** Each table's primary key (migration 0026), and so what identifies a row across refreshes. */
const keys = {
  report_outcome_pairs: ['referral_id', 'instrument_id', 'series', 'subject_id'],
  report_measure_administrations: ['referral_id', 'instrument_id', 'taken_on'],
} as const

type OutcomeTable = keyof typeof keys

/**
 * Makes the table's rows of these referrals exactly `rows`, writing only what differs (ADR 0022): rows the same as
 * before are left alone, so they move no month (migration 0050's triggers) and a report after the refresh need not
 * compute their months again. Rows of these referrals not in `rows` are deleted.
 */
async function replaceRows(
  db: Kysely<DB>,
  table: OutcomeTable,
  ids: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const key = keys[table]
  // Keyed rows kept: one array per key column, unnested side by side (four bind values however many rows).
  const kept = key.map((column) => rows.map((row) => String(row[column])))
  const columns = key.map((column, n) => sql`${sql.ref(`k.c${n}`)}::text = ${sql.ref(`f.${column}`)}::text`)
  await sql`delete from ${sql.table(table)} f where f.referral_id ${anyOf(ids)} and not exists (
      select 1 from unnest(${sql.join(kept.map((values) => sql`${values}::text[]`))}) as k(${sql.join(key.map((_, n) => sql.ref(`c${n}`)))})
      where ${sql.join(columns, sql` and `)})`.execute(db)
  for (let j = 0; j < rows.length; j += INSERT_ROWS) {
    const chunk = rows.slice(j, j + INSERT_ROWS)
    const first = chunk[0] as Record<string, unknown>
    const updated = Object.keys(first).filter((column) => !(key as readonly string[]).includes(column))
    await db
      .insertInto(table)
      .values(chunk as never)
      .onConflict((conflict) =>
        conflict
          .columns(key as never)
          .doUpdateSet(Object.fromEntries(updated.map((column) => [column, sql.ref(`excluded.${column}`)])) as never)
          .where(sql<boolean>`(${sql.table(table)}.*) is distinct from (excluded.*)`),
      )
      .execute()
  }
}

type Partial = Omit<Pair, 'referral_id' | 'person_id' | 'counted_on'>

/** The series a report reads for an instrument: its own, plus the ONS direct question's "chronic" (often/always) flag. */
export function reportedSeries(id: InstrumentId): string[] {
  return id === 'ons_loneliness_direct' ? ['chronic'] : scoreSeries(id).map((s) => s.key)
}

/** Every complete measure of these episodes with a day taken, in the order taken. */
async function completeMeasures(db: Kysely<DB>, episodeIds: string[]) {
  const rows = await db
    .selectFrom('measures as m')
    .select(['m.episode_id', 'm.instrument_id', 'm.occasion', 'm.answers', 'm.taken_on', 'm.created_at'])
    .where(sql<boolean>`m.episode_id ${anyOf(episodeIds)}`)
    .where('m.status', '=', 'complete')
    .orderBy('m.taken_on')
    .orderBy('m.created_at')
    .execute()
  return rows.filter((r) => r.taken_on !== null)
}

function measurePairs(rows: Awaited<ReturnType<typeof completeMeasures>>): Partial[] {
  const groups = new Map<string, typeof rows>()
  for (const r of rows) {
    if (!isInstrumentId(r.instrument_id) || !r.taken_on) continue
    const key = `${r.episode_id}|${r.instrument_id}`
    const list = groups.get(key)
    if (list) list.push(r)
    else groups.set(key, [r])
  }
  const out: Partial[] = []
  for (const list of groups.values()) {
    const first = list[0]
    if (!first) continue
    const id = first.instrument_id as InstrumentId
    const scored = list.map((m) => ({
      on: m.taken_on as string,
      occasion: m.occasion,
      headline: headlineOf(id, (m.answers ?? {}) as Answers),
    }))
    const baseIndex = Math.max(
      0,
      scored.findIndex((m) => m.occasion === 'baseline'),
    )
    const base = scored[baseIndex] as (typeof scored)[number]
    const later = scored.slice(baseIndex + 1).filter((m) => m.on >= base.on)
    for (const series of reportedSeries(id)) {
      const baseline = base.headline.scores[series]?.value ?? null
      if (baseline === null) continue
      const latest = [...later].reverse().find((m) => (m.headline.scores[series]?.value ?? null) !== null) ?? null
      out.push({
        episode_id: first.episode_id,
        instrument_id: id,
        series,
        subject_id: first.episode_id,
        baseline_value: baseline,
        baseline_on: base.on,
        latest_value: latest ? (latest.headline.scores[series]?.value as number) : null,
        latest_on: latest?.on ?? null,
        meets_threshold: latest ? meets(id, series, base.headline, latest.headline) : null,
      })
    }
  }
  return out
}

function meets(id: InstrumentId, series: string, baseline: Headline, latest: Headline): boolean | null {
  // The lenient threshold is the published minimal meaningful change (WEMWBS 3, SWEMWBS 1.03 metric points).
  return changeBetween(id, baseline, latest).find((c) => c.series === series)?.meetsLenient ?? null
}

async function healthcarePairs(db: Kysely<DB>, episodeIds: string[]): Promise<Partial[]> {
  const rows = await db
    .selectFrom('healthcare_use as h')
    .selectAll('h')
    .where(sql<boolean>`h.episode_id ${anyOf(episodeIds)}`)
    .execute()
  // The first 'end' answer of each episode, found by key: a search per start row grows with the square of a chunk.
  const ends = new Map<string, (typeof rows)[number]>()
  for (const r of rows) if (r.occasion === 'end' && !ends.has(r.episode_id)) ends.set(r.episode_id, r)
  const out: Partial[] = []
  for (const start of rows.filter((r) => r.occasion === 'start')) {
    const end = ends.get(start.episode_id) ?? null
    for (const item of healthcareItems) {
      const baseline = start[item]
      if (baseline === null) continue
      const latest = end?.[item] ?? null
      out.push({
        episode_id: start.episode_id,
        instrument_id: HEALTHCARE,
        series: item,
        subject_id: start.episode_id,
        baseline_value: baseline,
        baseline_on: start.asked_on,
        latest_value: latest,
        latest_on: latest === null ? null : (end?.asked_on ?? null),
        meets_threshold: null,
      })
    }
  }
  return out
}

async function motivationPairs(db: Kysely<DB>, episodeIds: string[]): Promise<Partial[]> {
  const rows = await db
    .selectFrom('plan_goal_scores as s')
    .innerJoin('plan_goals as g', 'g.id', 's.goal_id')
    .select(['g.id as goal_id', 'g.episode_id', 's.occasion', 's.motivation', 's.recorded_on', 's.created_at'])
    .where(sql<boolean>`g.episode_id ${anyOf(episodeIds)}`)
    .orderBy('s.recorded_on')
    .orderBy('s.created_at')
    .execute()
  // Each goal's scores in the order recorded, found by key rather than by a search of the chunk per start score.
  const byGoal = new Map<string, typeof rows>()
  for (const r of rows) {
    const list = byGoal.get(r.goal_id)
    if (list) list.push(r)
    else byGoal.set(r.goal_id, [r])
  }
  const out: Partial[] = []
  for (const start of rows.filter((r) => r.occasion === 'start' && r.motivation !== null)) {
    const later = (byGoal.get(start.goal_id) ?? []).filter(
      (r) =>
        r.occasion !== 'start' &&
        r.motivation !== null &&
        r.recorded_on >= start.recorded_on,
    )
    const latest = later[later.length - 1] ?? null
    out.push({
      episode_id: start.episode_id,
      instrument_id: MOTIVATION,
      series: 'motivation',
      subject_id: start.goal_id,
      baseline_value: start.motivation as number,
      baseline_on: start.recorded_on,
      latest_value: latest?.motivation ?? null,
      latest_on: latest?.recorded_on ?? null,
      meets_threshold: null,
    })
  }
  return out
}
