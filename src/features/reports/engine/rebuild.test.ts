import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import { runSynth } from '../../synth/run.js'
import { FACTS_TABLES, refreshReportFacts } from './refresh.js'

/**
 * The full rebuild (one `insert … select` per facts table over every referral) must write exactly the rows the
 * incremental refresh (queued referrals, batch by batch) writes. Each facts table is reduced to its row count and an
 * md5 of its rows in order, leaving out only refreshed_at (the time of the refresh).
 */
async function fingerprint(db: Kysely<DB>): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {}
  for (const table of FACTS_TABLES) {
    const result = await sql<{ rows: number; md5: string }>`
      select count(*)::int as rows, coalesce(md5(string_agg(t.row, '|' order by t.row)), '') as md5
      from (select (to_jsonb(f) - 'refreshed_at')::text as row from ${sql.table(table)} f) t`.execute(db)
    const row = result.rows[0] as { rows: number; md5: string }
    out[table] = { rows: Number(row.rows), md5: row.md5 }
  }
  return out
}

const emptyFacts = (db: Kysely<DB>) => sql.raw(`truncate ${FACTS_TABLES.join(', ')}`).execute(db)

for (const kind of databaseKinds()) {
  describe(`the full rebuild of the report aggregates (${kind})`, () => {
    let test: TestDatabase
    let db: () => Kysely<DB>
    let rebuilt: Awaited<ReturnType<typeof fingerprint>>
    before(async () => {
      test = await openTestDatabase(kind)
      db = () => test.database.db
      // runSynth ends with refreshReportFacts(db, { full: true }).
      await runSynth(db(), { episodes: 150, services: 40, seed: 9, until: '2026-11-30', password: 'synthetic-password-1' })
      rebuilt = await fingerprint(db())
    })
    after(() => test?.dispose())

    it('writes every facts table from a synthetic set, wellbeing pairs among them', async () => {
      for (const table of FACTS_TABLES) assert.ok((rebuilt[table]?.rows ?? 0) > 0, `${table} has rows`)
      const paired = await sql<{ n: number }>`select count(*)::int as n from report_referral_facts
        where wellbeing_paired`.execute(db())
      assert.ok(Number(paired.rows[0]?.n) > 0)
    })

    it('gives the same rows as the batched incremental refresh', async () => {
      await emptyFacts(db())
      await sql`insert into report_dirty_referrals (referral_id) select id from referrals`.execute(db())
      const outcome = await refreshReportFacts(db(), { batch: 37 })
      assert.ok(outcome.batches > 1, 'more than one batch')
      assert.equal(Number((await sql<{ n: number }>`select count(*)::int as n from report_dirty_referrals`.execute(db())).rows[0]?.n), 0)
      assert.deepEqual(await fingerprint(db()), rebuilt)
    })

    it('gives the same rows again over existing facts, and counts every referral', async () => {
      const outcome = await refreshReportFacts(db(), { full: true })
      const referrals = Number((await sql<{ n: number }>`select count(*)::int as n from referrals`.execute(db())).rows[0]?.n)
      assert.equal(outcome.referrals, referrals)
      assert.deepEqual(await fingerprint(db()), rebuilt)
    })

    it('inside a caller transaction as well', async () => {
      await db().transaction().execute((trx) => refreshReportFacts(trx, { full: true }))
      assert.deepEqual(await fingerprint(db()), rebuilt)
    })

    it('after case rows change or go, refreshes over the existing facts to the rows a full rebuild gives (ADR 0022)', async () => {
      // The incremental refresh writes only rows that differ and deletes those of rows gone: each kind, once.
      const one = async (query: ReturnType<typeof sql<{ id: string }>>) => (await query.execute(db())).rows[0]?.id as string
      const contact = await one(sql<{ id: string }>`select id from support_contacts order by id limit 1`)
      const moved = await one(sql<{ id: string }>`select id from support_contacts order by id desc limit 1`)
      const rehomed = await one(sql<{ id: string }>`select id from support_contacts order by id offset 1 limit 1`)
      const measure = await one(sql<{ id: string }>`select m.id from measures m where m.status = 'complete'
        and exists (select 1 from report_outcome_pairs p join episodes e on e.id = p.episode_id where e.id = m.episode_id)
        order by m.id limit 1`)
      const connection = await one(sql<{ id: string }>`select id from connections where status <> 'completed' order by id limit 1`)
      assert.ok(contact && moved && rehomed && measure && connection)
      await sql`delete from support_contacts where id = ${contact}`.execute(db())
      await sql`update support_contacts set occurred_at = occurred_at - interval '40 days' where id = ${moved}`.execute(db())
      // Recorded against the wrong episode, then moved to another (another referral's).
      await sql`update support_contacts set episode_id = (select e.id from episodes e
        where e.id <> support_contacts.episode_id order by e.id limit 1) where id = ${rehomed}`.execute(db())
      await sql`delete from measures where id = ${measure}`.execute(db())
      await sql`update connections set status = 'completed' where id = ${connection}`.execute(db())
      const queued = Number((await sql<{ n: number }>`select count(*)::int as n from report_dirty_referrals`.execute(db())).rows[0]?.n)
      assert.ok(queued >= 3 && queued <= 6, `referrals queued: ${queued}`)
      await refreshReportFacts(db())
      const incremental = await fingerprint(db())
      assert.notDeepEqual(incremental, rebuilt, 'the changes reached the facts')
      await refreshReportFacts(db(), { full: true })
      assert.deepEqual(incremental, await fingerprint(db()))
    })
  })
}
