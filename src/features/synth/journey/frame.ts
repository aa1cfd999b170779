import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { untilSql } from './sql.js'

/*
 * The episodes the journey is built on, read once into `synth.journey_episodes` (dropped with the synth schema):
 * n = row_number() over the episode ids is every draw's row number, `ends_at` is where the episode's journey stops
 * (its end, or the end of the data for an open one), and the person's language and place come along so no later
 * statement joins people again. An unlogged table, not a temporary one: a PostgreSQL pool runs the statements on
 * different connections.
 */
export async function buildEpisodeFrame(db: Kysely<DB>, until: string): Promise<number> {
  await sql`drop table if exists synth.journey_episodes`.execute(db)
  await sql`create unlogged table synth.journey_episodes as
    select row_number() over (order by e.id) as n, e.id, e.person_id, e.organisation_id, e.practitioner_id,
      e.started_at, e.ended_at, e.status, e.level_of_support,
      greatest(e.started_at, coalesce(e.ended_at, ${sql.raw(untilSql(until))})) as ends_at,
      p.language, p.interpreter_language, p.local_authority_code, pc.latitude, pc.longitude
    from episodes e
    join people p on p.id = e.person_id
    left join postcodes pc on pc.postcode = p.postcode`.execute(db)
  await sql`alter table synth.journey_episodes add primary key (n)`.execute(db)
  await sql`analyze synth.journey_episodes`.execute(db)
  const r = await sql<{ n: number }>`select count(*)::int as n from synth.journey_episodes`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

/** Runs `run(from, to)` over the episode numbers in chunks, so no statement holds millions of rows at once. */
export async function inChunks(
  episodes: number,
  size: number,
  run: (from: number, to: number) => Promise<number>,
): Promise<number> {
  let rows = 0
  for (let from = 1; from <= episodes; from += size) rows += await run(from, Math.min(episodes, from + size - 1))
  return rows
}

export const affected = (result: { numAffectedRows?: bigint }): number => Number(result.numAffectedRows ?? 0)
